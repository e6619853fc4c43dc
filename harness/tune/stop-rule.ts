import { NEAR_BEST, STILL_GAINING } from '../../results/level-rules.ts';
import { meetsSlo } from '../../results/slo.ts';
import type { StopReason, TuneSlo, TunePoint } from '../../results/tune-types.ts';

/**
 * Whether the geometric sweep should go on after its latest point (`points` in the order measured):
 * it stops when the SLO or the error limit is broken, when throughput fell, or when doubling the requests
 * in flight added less than STILL_GAINING over the best level so far.
 */
export function stopAfter(points: readonly TunePoint[], slo: TuneSlo, maxConcurrency: number): StopReason | undefined {
  const latest = points.at(-1);
  if (!latest) return undefined;
  if (latest.latencyMs.p99 > slo.p99Ms) return 'slo';
  if (latest.errorRate > slo.maxErrorRate) return 'errors';
  const earlier = points.slice(0, -1).filter((point) => meetsSlo(point, slo));
  if (earlier.length > 0) {
    const best = Math.max(...earlier.map((point) => point.throughput));
    if (latest.throughput < best * NEAR_BEST) return 'falling';
    if (latest.throughput < best * (1 + STILL_GAINING)) return 'plateau';
  }
  return latest.concurrency >= maxConcurrency ? 'max' : undefined;
}
