import { SUSTAINED_SHARE } from '../../results/level-rules.ts';
import type { TuneSlo } from '../../results/tune-types.ts';

/** What decides whether an open-loop level kept up with its offered rate. */
export interface RateFigures {
  readonly offeredRate: number;
  readonly achievedRate: number;
  /** From each request's intended start: queueing included. */
  readonly p99Ms: number;
  readonly errorRate: number;
}

/**
 * An offered rate is sustained when the model sends at least SUSTAINED_SHARE of it, with p99 from the intended start
 * within the SLO and errors within their limit: bench's open-loop rows and tune's sustainable-rate sweep alike.
 */
export function sustains(figures: RateFigures, slo: TuneSlo): boolean {
  return (
    figures.p99Ms <= slo.p99Ms && figures.errorRate <= slo.maxErrorRate && figures.achievedRate >= SUSTAINED_SHARE * figures.offeredRate
  );
}
