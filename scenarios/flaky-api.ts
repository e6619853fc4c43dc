import type { ScenarioInput } from './schema.ts';

export const flakyApi = {
  id: 'flaky-api',
  title: 'Flaky API: 5xx and resets, with retries and timeouts',
  description:
    'The server answers 5% of requests with 500 and resets 2% of connections. The client retries up to 3 times with ' +
    'exponential backoff and full jitter, and times out after 2 s. The errors column counts what still failed and the ' +
    'retries it took; backoff shows up in the latency split and in p99.',
  server: { latencyMs: 15, errorRate: 0.05, resetRate: 0.02 },
  workload: { requests: 1000 },
  client: { headersTimeoutMs: 2000, bodyTimeoutMs: 2000, retry: { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 500 } },
  concurrency: [10, 50],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [10], iterations: 5, warmupIterations: 1 },
    article: { requests: 1000, concurrency: [10, 50], iterations: 3, warmupIterations: 1 },
    full: { requests: 2000, concurrency: [5, 10, 25, 50, 100], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
