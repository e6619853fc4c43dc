import type { Setting, TuneLimits, TunePoint } from './types.ts';

/** A setting is good enough when it reaches this share of the best throughput that meets the limits. */
export const PEAK_SHARE = 0.95;

/** Doubling the requests in flight must add at least this much throughput, or the sweep has plateaued. */
export const PLATEAU_GAIN = 0.1;

export function meetsLimits(point: TunePoint, limits: TuneLimits): boolean {
  return point.latencyMs.p99 <= limits.sloP99Ms && point.errorRate <= limits.maxErrorRate;
}

/** Best throughput among the points that meet the limits, or undefined when none does. */
export function feasiblePeak(points: readonly TunePoint[], limits: TuneLimits): TunePoint | undefined {
  let best: TunePoint | undefined;
  for (const point of points) {
    if (meetsLimits(point, limits) && (!best || point.throughput > best.throughput)) best = point;
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
