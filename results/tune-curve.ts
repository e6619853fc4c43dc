import type { SweepKind, TunePoint } from './tune-types.ts';

const CURVE_SWEEPS: readonly SweepKind[] = ['concurrency', 'refine', 'fit', 'confirm'];

/** The concurrency sweep (geometric levels, refinements and levels added for the fit), ordered by requests in flight. */
export function concurrencyCurve(points: readonly TunePoint[]): TunePoint[] {
  return points.filter((point) => CURVE_SWEEPS.includes(point.sweep)).sort((a, b) => a.concurrency - b.concurrency);
}
