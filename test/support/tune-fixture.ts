import { TUNE_SCHEMA_VERSION, type TuneFile, type TunePoint } from '../../results/tune-types.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { resultsFile } from './results-fixture.ts';

/** A small tune.json: one runner recommended on the saturating backend, no points. */
export const tune: TuneFile = {
  schemaVersion: TUNE_SCHEMA_VERSION,
  kind: 'tune',
  tool: { name: 'concurrency-bench', version: '0.0.0-test' },
  environment: resultsFile().environment,
  runners: resultsFile().runners,
  run: { seed: 1, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', complete: true },
  scenario: {
    id: 'saturating-backend',
    title: 'Saturating <backend>',
    description: 'Capacity 32.',
    meanLatencyMs: 20,
    server: { latencyMs: 20, jitterMs: 0, bodyBytes: 256, seed: 1, capacity: 32 },
    client: defaultClientConfig,
  },
  slo: { p99Ms: 400, maxErrorRate: 0.01 },
  bounds: { maxConcurrency: 256, maxPoolSize: 4, basePoolSize: 2, rounds: 8, iterations: 5, warmupIterations: 1 },
  recommendations: [
    {
      runner: 'promise-concurrent',
      concurrency: 36,
      connections: 36,
      throughput: 1550,
      littleThroughput: 1800,
      p99Ms: 31,
      meetsSlo: true,
      reason: 'At 72 in flight throughput stayed within 2% while p99 doubled: <the server queue>.',
    },
  ],
  sweeps: [],
  points: [],
};

/** Points of one sweep (only the fields the page reads vary), as version 4 writes them. */
function sweep(levels: readonly [number, number][]): TunePoint[] {
  return levels.map(([concurrency, throughput]) => ({
    runner: 'promise-concurrent',
    sweep: 'concurrency',
    concurrency,
    label: `promise-concurrent 1x${concurrency}`,
    requests: concurrency * 8,
    iterations: 3,
    throughput,
    throughputBest: throughput,
    littleThroughput: concurrency * 50,
    littleInFlight: concurrency === 16 ? 12 : concurrency,
    latencyMs: { p50: 20, p99: 30, mean: 20 },
    errorRate: 0,
    retries: 0,
    rateLimited: 0,
    serverQueueMs: 0,
    clientSaturated: undefined,
  }));
}

/** The same with a concurrency sweep that falls past 16 and its USL fit. */
export const fitted: TuneFile = {
  ...tune,
  points: sweep([
    [1, 50],
    [2, 100],
    [4, 190],
    [8, 350],
    [16, 420],
    [32, 300],
  ]),
  usl: [
    {
      runner: 'promise-concurrent',
      sigma: 0.05,
      kappa: 0.002,
      lambda: 50,
      sigmaError: 0.01,
      kappaError: 0.0003,
      lambdaError: 2,
      kappaInterval: [0.0012, 0.0028],
      r2: 0.98,
      levels: 6,
      highestLevel: 32,
      retrograde: true,
      modelPeakConcurrency: 21,
      peakConcurrency: 21,
      peakThroughput: 366,
      limitedBy: 'contention',
    },
  ],
  uslSkipped: [{ runner: 'sequential', reason: 'one request in flight by design: no curve to fit' }],
};
