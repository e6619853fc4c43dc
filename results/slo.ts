import type { TunePoint, TuneSlo } from './tune-types.ts';

/** The p99 a level should stay under unless the user says otherwise: over 20x the mean latency (and at least 100 ms) is queueing, not serving. */
export function defaultSloP99Ms(meanLatencyMs: number): number {
  return Math.max(100, 20 * meanLatencyMs);
}

/** Whether a tuned setting met the SLO: its p99 and its error rate both within. */
export function meetsSlo(point: Pick<TunePoint, 'latencyMs' | 'errorRate'>, slo: TuneSlo): boolean {
  return point.latencyMs.p99 <= slo.p99Ms && point.errorRate <= slo.maxErrorRate;
}
