import type { ScenarioInput } from './schema.ts';

/** The articles' workload: 1,000 GETs at 16 ms, where waiting, not computing, is the cost. */
export const ioBound = {
  id: 'io-bound',
  title: 'I/O-bound: 1,000 GET requests at 16 ms',
  description:
    'Each request waits on the server and costs the client almost no CPU, as in the classic "parallel requests" ' +
    'articles. Any model that keeps enough requests in flight wins; sequential pays the full latency per request.',
  server: { latencyMs: 16, jitterMs: 0, bodyBytes: 256 },
  workload: { requests: 1000, path: '/' },
  concurrency: [10, 100],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { requests: 200, concurrency: [10, 50], iterations: 3, warmupIterations: 1 },
    article: { requests: 1000, latencyMs: 16, concurrency: [10, 100], iterations: 3, warmupIterations: 1 },
    full: { requests: 2000, concurrency: [1, 10, 50, 100, 250], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
