import type { CompletedResult, FailedResult, ResultsFile, RunnerFacts, ScenarioResults } from '../../results/types.ts';
import { SCHEMA_VERSION } from '../../results/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import { isRunnerId } from '../../runners/registry.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { scenarioVerdict } from '../../harness/bench/scenario-verdict.ts';
import { bestLevels } from '../../harness/bench/best-level.ts';
import { runnerFacts } from '../../results/runner-facts.ts';
import { createLatencyHistogram, encodeHistogram, recordLatencyMs } from '../../common/histogram.ts';

/** An encoded histogram of a few latencies near 16.5 ms. */
function fixtureHistogram(): string {
  const histogram = createLatencyHistogram();
  for (const ms of [16, 16.5, 16.6, 17, 18, 20]) recordLatencyMs(histogram, ms);
  return encodeHistogram(histogram);
}

/** A small, hand-made results file for renderer tests (the renderers read results.json only). */
export function completedResult(
  runner: RunnerId,
  concurrency: number,
  throughput: number,
  overrides: Partial<CompletedResult> = {},
): CompletedResult {
  const wall = (100 / throughput) * 1000;
  return {
    state: 'completed',
    runner,
    label: `${runner} 1x${concurrency}`,
    layout: { workers: 1, lanes: concurrency, inFlight: concurrency },
    concurrency,
    requests: 100,
    iterations: 3,
    startupMs: 5,
    wallMs: { mean: wall, stdev: 1, min: wall - 1, max: wall + 1 },
    throughput: { mean: throughput, stdev: 2, ci95: [throughput - 3, throughput + 3], best: throughput + 2 },
    sendRate: { requests: throughput, attempts: throughput },
    errorRate: 0,
    latencyMs: { p50: 16.5, p90: 17, p99: 18, p999: 19, max: 20, min: 16, mean: 16.6 },
    perIteration: { wallMs: [wall - 1, wall, wall + 1], ok: [100, 100, 100], requests: [100, 100, 100] },
    histograms: { latency: fixtureHistogram() },
    errors: { total: 0, byKind: {} },
    attempts: { firstTries: 300, retries: 0 },
    latencySplitMs: { slotWait: 40, serverQueue: 0, serverServe: 16.1, rest: 0.4, backoff: 0, work: 0 },
    statusCounts: { '200': 300 },
    bytesPerBatch: 25_600,
    idealWallMs: wall * 0.9,
    idealLimitedBy: 'latency',
    boundWallMs: wall * 0.85,
    boundLimitedBy: 'latency',
    efficiency: 0.9,
    overheadMs: wall * 0.1,
    cpu: { userMs: 10, systemMs: 2, coresUsed: 0.1 },
    memory: { peakRssBytes: 80 * 1024 * 1024, mainPeakRssBytes: 80 * 1024 * 1024, workersPeakRssBytes: [] },
    eventLoop: { main: 0.2, workersMax: undefined },
    clientSaturated: undefined,
    server: { maxInFlight: concurrency, served: 300 },
    ...overrides,
  };
}

export function failedResult(runner: RunnerId, concurrency: number): FailedResult {
  return {
    state: 'failed',
    runner,
    label: `${runner} 1x${concurrency}`,
    concurrency,
    error: { code: 'POOL_CRASHED', message: 'worker exited with code 1' },
  };
}

/** Every runner at two levels, as a quick-profile run has them: what the full report draws. */
export function allRunnersResults(): CompletedResult[] {
  return [
    completedResult('sequential', 1, 55),
    completedResult('promise-concurrent', 10, 520),
    completedResult('promise-concurrent', 50, 1900),
    completedResult('worker-threads', 10, 510),
    completedResult('worker-threads', 50, 1450),
    completedResult('child-process', 10, 515),
    completedResult('child-process', 50, 1050, { clientSaturated: 'CPU 1.9 of 2 cores', efficiency: 0.34 }),
  ];
}

/** A result with throughput samples of this mean, sample stdev and count, for comparison tests. */
export function measuredResult(
  runner: RunnerId,
  concurrency: number,
  sample: { mean: number; stdev: number; n: number; p99?: number },
): CompletedResult {
  const base = completedResult(runner, concurrency, sample.mean);
  return {
    ...base,
    iterations: sample.n,
    throughput: {
      mean: sample.mean,
      stdev: sample.stdev,
      ci95: [Math.max(0, sample.mean - 2 * sample.stdev), sample.mean + 2 * sample.stdev],
      best: sample.mean + sample.stdev,
    },
    latencyMs: { ...base.latencyMs, p99: sample.p99 ?? base.latencyMs.p99 },
  };
}

/**
 * The Python runners' facts as their registry entries will state them (they come from another branch): a report must
 * render them from the file alone.
 */
function pythonFacts(model: string, runsOn: RunnerFacts['runsOn'], approach: NonNullable<RunnerFacts['articleApproach']>): RunnerFacts {
  const nouns: RunnerFacts['workerNouns'] =
    runsOn === 'threads' ? ['thread', 'threads'] : runsOn === 'processes' ? ['process', 'processes'] : undefined;
  return {
    id: `python-${model}`,
    language: 'python',
    runsOn,
    model: `the articles' ${model} code`,
    inFlight: model === 'sequential' ? 'one' : 'level',
    ...(nouns === undefined ? {} : { workerNouns: nouns }),
    analogue: approach,
    articleApproach: approach,
    colour: '#9467bd',
  };
}

const PYTHON_FACTS: readonly RunnerFacts[] = [
  pythonFacts('sequential', 'main-loop', 'Sequential'),
  pythonFacts('threading', 'threads', 'Threading'),
  pythonFacts('multiprocessing', 'processes', 'Multiprocessing'),
  pythonFacts('asyncio', 'main-loop', 'Asyncio'),
  pythonFacts('asyncio-uvloop', 'main-loop', 'Asyncio'),
];

/** A runner's facts: its registry entry, or the Python runners' as above. */
export function fixtureFacts(id: RunnerId): RunnerFacts {
  if (isRunnerId(id)) return runnerFacts(id);
  const python = PYTHON_FACTS.find((facts) => facts.id === id);
  if (!python) throw new Error(`no facts for runner ${id} in the fixture`);
  return python;
}

/** A scenario of hand-made results, with the verdict and the limits the harness would compute from them. */
export function scenarioResults(overrides: Partial<ScenarioResults> = {}): ScenarioResults {
  const results = overrides.results ?? [completedResult('sequential', 1, 55), completedResult('promise-concurrent', 10, 540)];
  const verdict = scenarioVerdict(results);
  const limits = bestLevels(results, overrides.thresholds ?? [], (runner) => fixtureFacts(runner).inFlight === 'level');
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
      host: { roundTripFloorMs: 0.12, bytesPerMs: 1_500_000 },
      maxErrorRate: 0.01,
    },
    results,
    ...(verdict === undefined ? {} : { verdict }),
    ...(limits.length === 0 ? {} : { bestLevels: limits }),
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
    runners: [...new Set(scenarios.flatMap((scenario) => scenario.results.map((result) => result.runner)))].map(fixtureFacts),
    run: {
      profile: 'quick',
      seed: undefined,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:10.000Z',
      complete: true,
    },
    scenarios,
  };
}
