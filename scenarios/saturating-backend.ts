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
    // At 32 in flight the client's own turn-around leaves the server idle between answers (about 82% of its 1,600
    // req/s); 64 keeps its queue full (95%), so the limit by the 95% rule is 64 and only 128 above it brackets it.
    // Four rounds keep the four levels within the time three levels of eight rounds took.
    quick: { rounds: 4, concurrency: [16, 32, 64, 128], iterations: 5, warmupIterations: 1 },
    article: { requests: 1000, concurrency: [8, 16, 32, 64, 128], iterations: 3, warmupIterations: 1 },
    full: { requests: 2000, concurrency: [4, 8, 16, 24, 32, 48, 64, 128, 256], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
