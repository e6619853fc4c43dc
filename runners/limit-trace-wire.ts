import { decimate, seriesFromWire, seriesToWire, sumSeries } from './limiters/limit-series.ts';
import type { LimitSample } from './limiters/types.ts';
import type { BatchOutcome } from './outcome.ts';

/** Points per worker per batch on the wire: enough for a chart, small beside the histogram. */
const WIRE_POINTS = 100;

/**
 * One batch's part of a limiter's lifetime trace, times from the batch's start, decimated for the wire. The
 * limit at the start comes first: a decimated trace may have merged the run's first record into a bucket
 * that began in the previous batch.
 */
export function batchTrace(trace: readonly LimitSample[], limitAtStart: number, startMs: number, endMs: number): number[] {
  const series = [{ atMs: 0, limit: limitAtStart }];
  for (const sample of trace)
    if (sample.atMs > startMs && sample.atMs <= endMs) series.push({ atMs: sample.atMs - startMs, limit: sample.limit });
  return seriesToWire(decimate(series, WIRE_POINTS, endMs - startMs));
}

/** A pool's batch: the workers' shares merged, their limits summed at each time (the pool's total limit). */
export function withSummedTraces(merged: BatchOutcome, parts: readonly BatchOutcome[]): BatchOutcome {
  const traces = parts.flatMap((part) => (part.limitTrace === undefined ? [] : [seriesFromWire(part.limitTrace)]));
  if (traces.length === 0) return merged;
  return { ...merged, limitTrace: seriesToWire(decimate(sumSeries(traces), WIRE_POINTS * 2)) };
}
