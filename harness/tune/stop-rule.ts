import { meetsLimits, PEAK_SHARE, PLATEAU_GAIN } from './limits.ts';
import type { StopReason, TuneLimits, TunePoint } from './types.ts';

/**
 * Whether the geometric sweep should go on after its latest point (`points` in the order measured):
 * it stops when the SLO or the error limit is broken, when throughput fell, or when doubling the requests
 * in flight added less than PLATEAU_GAIN over the best level so far.
 */
export function stopAfter(points: readonly TunePoint[], limits: TuneLimits, maxConcurrency: number): StopReason | undefined {
  const latest = points.at(-1);
  if (!latest) return undefined;
  if (latest.latencyMs.p99 > limits.sloP99Ms) return 'slo';
  if (latest.errorRate > limits.maxErrorRate) return 'errors';
  const earlier = points.slice(0, -1).filter((point) => meetsLimits(point, limits));
  if (earlier.length > 0) {
    const best = Math.max(...earlier.map((point) => point.throughput));
    if (latest.throughput < best * PEAK_SHARE) return 'falling';
    if (latest.throughput < best * (1 + PLATEAU_GAIN)) return 'plateau';
  }
  return latest.concurrency >= maxConcurrency ? 'max' : undefined;
}
