import { decimate, type LimitPoint, seriesFromWire } from '../../runners/limiters/limit-series.ts';
import { settledLimit } from '../../runners/limiters/trace.ts';
import type { LimitTrace } from '../../results/types.ts';

const MAX_SAMPLES = 200;
/** Converged: within this share of the settled limit from then on. */
const BAND = 0.2;

/** One batch's limit trace as the runner sent it, with when the batch began (ms from the level's first batch). */
export interface BatchTrace {
  readonly offsetMs: number;
  readonly wallMs: number;
  readonly trace: readonly number[];
  readonly measured: boolean;
}

/** The level's limit over time: each batch's trace shifted by its start (the limit holds between batches). */
function levelSeries(batches: readonly BatchTrace[]): LimitPoint[] {
  return batches.flatMap((batch) =>
    seriesFromWire(batch.trace).map((point) => ({ atMs: batch.offsetMs + point.atMs, limit: point.limit })),
  );
}

/** What an adaptive limiter did at one level; undefined when no batch carried a trace (a fixed limiter). */
export function levelLimitTrace(batches: readonly BatchTrace[]): LimitTrace | undefined {
  const measured = batches.filter((batch) => batch.measured && batch.trace.length > 0);
  const last = measured[measured.length - 1];
  if (last === undefined) return undefined;
  const series = levelSeries(measured);
  const settled = settledLimit(series.map((point) => ({ ...point, inFlight: 0 }))) ?? 0;
  return {
    samples: decimate(series, MAX_SAMPLES, last.offsetMs + last.wallMs).map(rounded),
    settled,
    ...convergence(levelSeries(batches), settled),
  };
}

/** The start of the last stretch inside the band, from the level's first batch; absent when the last point is outside. */
function convergence(series: readonly LimitPoint[], settled: number): { convergeMs?: number } {
  const inBand = (limit: number): boolean => Math.abs(limit - settled) <= BAND * settled;
  let from: number | undefined;
  for (const point of series) {
    if (!inBand(point.limit)) from = undefined;
    else from ??= point.atMs;
  }
  return from === undefined ? {} : { convergeMs: Math.round(from * 10) / 10 };
}

function rounded(point: LimitPoint): LimitPoint {
  return { atMs: Math.round(point.atMs * 10) / 10, limit: Math.round(point.limit * 100) / 100 };
}
