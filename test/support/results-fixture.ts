import type { CompletedResult, ResultsFile, ScenarioResults } from '../../harness/results.ts';
import { SCHEMA_VERSION } from '../../harness/results.ts';
import type { RunnerId } from '../../runners/types.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';

/** A small, hand-made results file for renderer tests (the renderers read results.json only). */
export function completedResult(runner: RunnerId, concurrency: number, throughput: number): CompletedResult {
  const wall = (100 / throughput) * 1000;
  return {
    state: 'completed',
    runner,
    shape: `${runner} 1x${concurrency}`,
    concurrency,
    requests: 100,
    iterations: 3,
    startupMs: 5,
    wallMs: { mean: wall, stdev: 1, min: wall - 1, max: wall + 1 },
    throughput: { mean: throughput, stdev: 2, ci95: [throughput - 3, throughput + 3] },
    latencyMs: { p50: 16.5, p90: 17, p99: 18, p999: 19, max: 20, min: 16, mean: 16.6 },
    errors: { total: 0, byKind: {} },
    attempts: { firstTries: 300, retries: 0 },
    latencySplitMs: { slotWait: 40, serverQueue: 0, serverServe: 16.1, rest: 0.4, backoff: 0, work: 0 },
    statusCounts: { '200': 300 },
    bytesPerBatch: 25_600,
    idealWallMs: wall * 0.9,
    idealLimitedBy: 'latency',
    efficiency: 0.9,
    cpu: { userMs: 10, systemMs: 2, coresUsed: 0.1 },
    memory: { peakRssBytes: 80 * 1024 * 1024 },
    eventLoop: { main: 0.2, workersMax: undefined },
    clientSaturated: undefined,
    server: { maxInFlight: concurrency, served: 300 },
  };
}

export function scenarioResults(overrides: Partial<ScenarioResults> = {}): ScenarioResults {
  return {
    id: 'io-bound',
    title: 'I/O-bound',
    description: 'A test scenario.',
    workload: {
      requests: 100,
      path: '/',
      server: { latencyMs: 16, jitterMs: 0, bodyBytes: 256, seed: 1 },
      meanLatencyMs: 16,
      cpuWork: { kind: 'none' },
      iterations: 3,
      warmupIterations: 1,
      threads: 2,
      processes: 2,
      client: defaultClientConfig,
    },
    results: [completedResult('sequential', 1, 55), completedResult('promise-concurrent', 10, 540)],
    ...overrides,
  };
}

export function resultsFile(scenarios: readonly ScenarioResults[] = [scenarioResults()]): ResultsFile {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'concurrency-bench', version: '0.0.0-test' },
    environment: {
      node: '20.0.0',
      v8: '11',
      platform: 'linux',
      release: '6',
      arch: 'x64',
      cpuModel: 'Test CPU <b>bold</b>',
      cores: 2,
      memoryBytes: 2 ** 34,
      packages: { undici: '7.0.0' },
      gitCommit: undefined,
    },
    run: { profile: 'quick', seed: undefined, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:10.000Z', complete: true },
    scenarios,
  };
}
