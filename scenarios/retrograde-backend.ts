import { truePeak } from '../mock-server/coherency.ts';
import type { ScenarioInput } from './schema.ts';

const LATENCY_MS = 20;
const SLOWDOWN = { contention: 0.02, coherency: 0.00245 } as const;
const PEAK = truePeak(LATENCY_MS, SLOWDOWN);

/**
 * Throughput rises, peaks and falls with concurrency: every request in service slows the others (the Universal
 * Scalability Law, mock-server/coherency.ts), so past the peak more in flight buys less throughput, not just more
 * waiting as in saturating-backend. Its true peak is computed from the settings, for tune's fit to be checked against.
 */
export const retrogradeBackend = {
  id: 'retrograde-backend',
  title: `Retrograde backend: throughput peaks near ${PEAK?.concurrency.toFixed(0)} in flight, then falls`,
  description:
    `Each request is served for ${LATENCY_MS} ms x (1 + ${SLOWDOWN.contention} (n - 1) + ${SLOWDOWN.coherency} n (n - 1)), n being ` +
    'the requests in service when it starts (itself included): contention and coherency, the two costs of the Universal ' +
    'Scalability Law. A closed loop of N in flight then reaches X(N) = N / that service time, which rises, peaks and ' +
    `falls: the true peak is N* = sqrt((1 - ${SLOWDOWN.contention}) / ${SLOWDOWN.coherency}) = ${PEAK?.concurrency.toFixed(1)} in ` +
    `flight, ${PEAK?.throughput.toFixed(0)} req/s (network and client time lower the measured curve a little). ` +
    'Past it, more concurrency lowers throughput and raises latency: the limit to pick is at the peak or below. ' +
    'Sequential is left out: it has one request in flight.',
  server: { latencyMs: LATENCY_MS, ...SLOWDOWN },
  workload: { requests: 1280 },
  runners: ['promise-concurrent', 'worker-threads', 'child-process'],
  concurrency: [1, 2, 4, 8, 16, 24, 32, 64, 128],
  iterations: 3,
  warmupIterations: 1,
  // Past the peak a batch is slow by design (at 64 in flight each request takes 0.24 s, at 128 0.87 s): about 80 s
  // for the quick profile's three runners, beyond the default minute.
  inDefaultSuite: false,
  profiles: {
    quick: { rounds: 8, concurrency: [1, 4, 8, 16, 24, 32, 48, 64], iterations: 5, warmupIterations: 1 },
    article: { rounds: 6, concurrency: [1, 2, 4, 8, 16, 24, 32, 64, 128], iterations: 3, warmupIterations: 1 },
    full: { rounds: 10, concurrency: [1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64, 96, 128], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
