import type { ScenarioInput } from './schema.ts';

export const rateLimited = {
  id: 'rate-limited',
  title: 'Rate-limited API: 429 with Retry-After',
  description:
    'The server accepts 200 requests per second (token bucket) and answers the rest 429 with Retry-After; the client ' +
    'honours it and retries. Past the point where the client asks faster than 200/s, more concurrency only buys more ' +
    '429s: throughput stays at the limit and latency grows.',
  server: { latencyMs: 10, rateLimit: 200, rateLimitBurst: 20 },
  workload: { requests: 600 },
  client: { retry: { maxRetries: 10, baseDelayMs: 20, maxDelayMs: 1000 } },
  // 8 rounds per lane past the limit wait whole seconds of Retry-After: about 30 s of the default minute on its own.
  inDefaultSuite: false,
  concurrency: [1, 4, 16, 64],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [2, 16], iterations: 5, warmupIterations: 1 },
    article: { requests: 600, concurrency: [1, 4, 16, 64], iterations: 3, warmupIterations: 1 },
    full: { requests: 1000, concurrency: [1, 2, 4, 8, 16, 32, 64], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
