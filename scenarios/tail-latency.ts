import type { ScenarioInput } from './schema.ts';

export const tailLatency = {
  id: 'tail-latency',
  title: 'Tail latency: lognormal response times',
  description:
    'Real APIs have a long tail: here latency is lognormal with a 20 ms mean and a 30 ms standard deviation (seeded). ' +
    'With few requests in flight a batch waits on its slowest requests one after another; more in flight hides the ' +
    "tail in the wall time, while each request's own p99 stays what the server gives it. Read p50 against p99.",
  server: { latencyMs: 20, latencyDistribution: 'lognormal', latencySpreadMs: 30, latencyMaxMs: 400 },
  workload: { requests: 1000 },
  concurrency: [10, 100],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [30], iterations: 5, warmupIterations: 1 },
    article: { requests: 1000, concurrency: [10, 100], iterations: 3, warmupIterations: 1 },
    full: { requests: 2000, concurrency: [5, 10, 25, 50, 100, 250], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
