import type { ScenarioInput } from './schema.ts';

/**
 * The server's capacity drops halfway through every batch. Phases count request indices within the batch,
 * so every profile sends a fixed number of requests (not rounds x in flight): the shift stays at the half.
 */
export const shiftingBackend = {
  id: 'shifting-backend',
  title: 'Shifting backend: capacity 32, then 8 halfway through each batch',
  description:
    'The server serves 32 requests at once (10 ms each) for the first half of every batch, then only 8: a fixed limit ' +
    'set right for the start queues in the server for the second half, one set for the end leaves capacity idle at ' +
    'the start. Adaptive limiters (--limiter aimd,vegas,gradient2,arc) must notice the shift from latency alone; the ' +
    'limits chart shows how their limit followed it. Sequential is left out: it has nothing to limit.',
  server: { latencyMs: 10, capacity: 32, phases: [{ afterRequests: 320, capacity: 8 }] },
  workload: { requests: 640 },
  runners: ['promise-concurrent', 'worker-threads', 'child-process'],
  concurrency: [8, 32, 64],
  iterations: 5,
  warmupIterations: 1,
  inDefaultSuite: false,
  profiles: {
    quick: { requests: 640, concurrency: [16, 64], iterations: 5, warmupIterations: 1 },
    article: { requests: 640, concurrency: [8, 16, 32, 64, 128], iterations: 3, warmupIterations: 1 },
    full: { requests: 640, concurrency: [4, 8, 16, 32, 48, 64, 128, 256], iterations: 10, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
