import { startLatencyService, type RunningService } from './latency-service.ts';

export interface ExponentialServiceOptions {
  /** Mean latency (ms) of the exponential. */
  readonly meanMs: number;
  readonly seed: number;
  readonly bodyBytes: number;
  /** Requests served at once; the rest wait in arrival order. */
  readonly capacity?: number;
}

/** The stand-in service (test/support/latency-service.ts) with a seeded exponential latency, -mean ln(1 - u). */
export function startExponentialService(options: ExponentialServiceOptions): Promise<RunningService> {
  const { meanMs, ...rest } = options;
  return startLatencyService({ ...rest, draw: (random) => -meanMs * Math.log(1 - random()) });
}
