import { startLatencyService, type RunningService } from './latency-service.ts';

export type { RunningService } from './latency-service.ts';

export interface ServiceOptions {
  /** Mean latency (ms) of the lognormal. */
  readonly meanMs: number;
  /** Standard deviation of ln(latency). */
  readonly sigma: number;
  readonly seed: number;
  readonly bodyBytes: number;
  /** Requests served at once; the rest wait in arrival order. */
  readonly capacity?: number;
  /** Token bucket: requests per second, and tokens held. */
  readonly ratePerSecond?: number;
  readonly burst?: number;
}

/** The stand-in service (test/support/latency-service.ts) with a seeded lognormal latency of the given mean. */
export function startLognormalService(options: ServiceOptions): Promise<RunningService> {
  const { meanMs, sigma, ...rest } = options;
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  return startLatencyService({
    ...rest,
    draw: (random) => {
      const u = Math.max(random(), Number.EPSILON);
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      return Math.exp(mu + sigma * normal);
    },
  });
}
