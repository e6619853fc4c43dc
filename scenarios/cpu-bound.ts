import type { ScenarioInput } from './schema.ts';

export const cpuBound = {
  id: 'cpu-bound',
  title: 'CPU-bound: 5 ms of computation per response',
  description:
    'The Pool.map case: every response needs 5 ms of CPU (calibrated on this host). One event loop can only do one ' +
    'computation at a time, however many requests it keeps in flight, so promise-concurrent tops out near ' +
    '1 / 5 ms; worker threads and child processes spread the work over the cores and should win by about the core count.',
  server: { latencyMs: 5, bodyBytes: 256 },
  workload: { requests: 400, cpuWork: { kind: 'busy', ms: 5 } },
  concurrency: [4, 16],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [4], iterations: 5, warmupIterations: 1 },
    article: { requests: 400, concurrency: [4, 16], iterations: 3, warmupIterations: 1 },
    full: { requests: 1000, concurrency: [2, 4, 8, 16, 32], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
