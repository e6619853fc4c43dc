import type { ScenarioInput } from './schema.ts';

export const ioBound = {
  id: 'io-bound',
  title: 'I/O-bound: many small requests at moderate latency',
  description:
    'Each request waits 16 ms on the server and costs the client almost no CPU. Throughput grows with the requests ' +
    'in flight until the client or the server runs out of CPU; sequential pays the full latency per request. ' +
    'Compare the efficiency column: it shows where adding concurrency stops paying.',
  server: { latencyMs: 16, bodyBytes: 256 },
  workload: { requests: 2000 },
  concurrency: [10, 100],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [10, 40], iterations: 5, warmupIterations: 1 },
    article: { requests: 1000, concurrency: [10, 100], iterations: 3, warmupIterations: 1 },
    full: { requests: 5000, concurrency: [1, 10, 50, 100, 250, 500], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
