import { compareSettings, feasiblePeak } from './settings.ts';
import { smallestNearBest } from '../../results/level-rules.ts';
import { meetsSlo } from '../../results/slo.ts';
import type { TuneSlo, TunePoint } from '../../results/tune-types.ts';

/**
 * The points a recommendation may be, or be measured against: not the level past the model's peak, which only tells
 * the fit whether throughput falls there (a batch that far past the knee loses less to its tail, because the queue
 * keeps the server busy to the end, so it would raise the peak unfairly).
 */
export function candidates(points: readonly TunePoint[]): TunePoint[] {
  return points.filter((point) => point.sweep !== 'confirm');
}

export interface Choice {
  readonly point: TunePoint;
  /** The best point that meets the SLO; undefined when none does. */
  readonly peak: TunePoint | undefined;
  readonly meetsSlo: boolean;
}

/**
 * The smallest setting that reaches NEAR_BEST of the best throughput among the settings that meet the SLO
 * and error limit. A throughput that collapses past the knee (429 + Retry-After) does not matter: the peak is
 * taken first, then the smallest setting near it. When nothing meets the SLO, the least bad point is shown.
 * With `ceiling` (the USL's N* where there is a retrograde region) only settings with at most that many in flight count.
 * The level measured to confirm a fall past the model's peak never counts.
 */
export function choose(all: readonly TunePoint[], slo: TuneSlo, ceiling?: number): Choice | undefined {
  const measured = candidates(all);
  const below = ceiling === undefined ? [] : measured.filter((point) => point.concurrency <= ceiling);
  const points = below.length > 0 ? below : measured;
  if (points.length === 0) return undefined;
  const peak = feasiblePeak(points, slo);
  if (!peak) {
    const leastBad = [...points].sort((a, b) => a.errorRate - b.errorRate || a.latencyMs.p99 - b.latencyMs.p99)[0];
    return leastBad && { point: leastBad, peak: undefined, meetsSlo: false };
  }
  const meeting = points.filter((point) => meetsSlo(point, slo));
  const smallest = smallestNearBest(meeting, (point) => point.throughput, compareSettings) ?? peak;
  return { point: smallest, peak, meetsSlo: true };
}
