import { meetsSlo } from '../../results/slo.ts';
import type { Setting, TunePoint, TuneSlo } from '../../results/tune-types.ts';

/** Best throughput among the points that meet the SLO, or undefined when none does. */
export function feasiblePeak(points: readonly TunePoint[], slo: TuneSlo): TunePoint | undefined {
  let best: TunePoint | undefined;
  for (const point of points) {
    if (meetsSlo(point, slo) && (!best || point.throughput > best.throughput)) best = point;
  }
  return best;
}

/** Connections a point's Agent opens: by default one per request in flight. */
export function connectionsOf(setting: Setting): number {
  return setting.connections ?? setting.concurrency;
}

/**
 * "Smaller" means fewer requests in flight first, then fewer workers, then no pipelining (it adds head-of-line
 * blocking and is unsafe for non-idempotent requests), then fewer connections.
 */
export function compareSettings(a: Setting, b: Setting): number {
  return (
    a.concurrency - b.concurrency ||
    (a.poolSize ?? 0) - (b.poolSize ?? 0) ||
    (a.pipelining ?? 1) - (b.pipelining ?? 1) ||
    connectionsOf(a) - connectionsOf(b)
  );
}
