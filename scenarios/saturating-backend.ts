import type { ScenarioInput } from './schema.ts';

export const saturatingBackend = {
  id: 'saturating-backend',
  title: 'Saturating backend: server capacity 32',
  description:
    'The server serves at most 32 requests at once and queues the rest (FIFO). Up to 32 in flight, throughput grows ' +
    'with concurrency; past it, throughput plateaus at 32 / latency and every extra request in flight only waits in ' +
    'the server queue, which the latency split shows as server queue time.',
  server: { latencyMs: 20, capacity: 32 },
  workload: { requests: 1000 },
  concurrency: [8, 16, 32, 64, 128],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    // 16, 32 and 64 bracket the capacity: the limit is found at 32, not guessed from two levels around it.
    quick: { rounds: 8, concurrency: [16, 32, 64], iterations: 5, warmupIterations: 1 },
    article: { requests: 1000, concurrency: [8, 16, 32, 64, 128], iterations: 3, warmupIterations: 1 },
    full: { requests: 2000, concurrency: [4, 8, 16, 24, 32, 48, 64, 128, 256], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
