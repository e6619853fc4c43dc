import type { ScenarioInput } from './schema.ts';

export const largePayload = {
  id: 'large-payload',
  title: 'Large payloads: 1 MiB bodies',
  description:
    'Each answer is a 1 MiB binary body after 5 ms. Bytes, not requests, are the limit: copying and reading the bodies ' +
    'costs CPU on both sides, so concurrency helps less than the latency suggests, and processes pay again to move ' +
    'nothing but results over IPC (the bodies stay where they were read).',
  server: { latencyMs: 5, payload: 'binary', bodyBytes: 1024 * 1024 },
  workload: { requests: 200 },
  concurrency: [4, 16],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [8], iterations: 5, warmupIterations: 1 },
    article: { requests: 200, concurrency: [4, 16], iterations: 3, warmupIterations: 1 },
    full: { requests: 500, concurrency: [1, 2, 4, 8, 16, 32], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
