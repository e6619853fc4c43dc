/** The limit as a step function of time: each point holds until the next (ms from some origin). */
export interface LimitPoint {
  readonly atMs: number;
  readonly limit: number;
}

/**
 * At most `points` points over [first.atMs, endMs]: equal time spans, each the time-weighted mean of the
 * step function over its span (so an oscillating limit keeps its mean), plus a last point at endMs.
 */
export function decimate(series: readonly LimitPoint[], points: number, endMs?: number): LimitPoint[] {
  const first = series[0];
  const last = series[series.length - 1];
  if (first === undefined || last === undefined) return [];
  const end = Math.max(endMs ?? last.atMs, last.atMs);
  if (series.length <= points) return [...series];
  const spans = Math.max(1, points - 1);
  const width = (end - first.atMs) / spans;
  if (width <= 0) return [last];
  const out: LimitPoint[] = [];
  let i = 0;
  for (let span = 0; span < spans; span += 1) {
    const from = first.atMs + span * width;
    const to = from + width;
    let area = 0;
    while (i + 1 < series.length && (series[i + 1] as LimitPoint).atMs <= from) i += 1;
    for (let j = i; j < series.length; j += 1) {
      const point = series[j] as LimitPoint;
      if (point.atMs >= to) break;
      const next = series[j + 1]?.atMs ?? end;
      area += point.limit * Math.max(0, Math.min(to, next) - Math.max(from, point.atMs));
    }
    out.push({ atMs: from, limit: area / width });
  }
  out.push({ atMs: end, limit: last.limit });
  return out;
}

/** The value of a step function at `atMs`; its first value before it begins. */
function valueAt(series: readonly LimitPoint[], atMs: number, cursor: { i: number }): number {
  while (cursor.i + 1 < series.length && (series[cursor.i + 1] as LimitPoint).atMs <= atMs) cursor.i += 1;
  return (series[cursor.i] as LimitPoint).limit;
}

/** Several workers' limits as one: at every time any of them changed, the sum of their limits then. */
export function sumSeries(parts: readonly (readonly LimitPoint[])[]): LimitPoint[] {
  const nonEmpty = parts.filter((part) => part.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return [...(nonEmpty[0] as readonly LimitPoint[])];
  const times = [...new Set(nonEmpty.flatMap((part) => part.map((point) => point.atMs)))].sort((a, b) => a - b);
  const cursors = nonEmpty.map(() => ({ i: 0 }));
  return times.map((atMs) => ({
    atMs,
    limit: nonEmpty.reduce((sum, part, k) => sum + valueAt(part, atMs, cursors[k] as { i: number }), 0),
  }));
}

/** Flat [atMs, limit, atMs, limit, ...] for a thread or process boundary, times to 0.1 ms. */
export function seriesToWire(series: readonly LimitPoint[]): number[] {
  const wire: number[] = [];
  for (const point of series) wire.push(Math.round(point.atMs * 10) / 10, Math.round(point.limit * 100) / 100);
  return wire;
}

export function seriesFromWire(wire: readonly number[]): LimitPoint[] {
  const series: LimitPoint[] = [];
  for (let i = 0; i + 1 < wire.length; i += 2) series.push({ atMs: wire[i] as number, limit: wire[i + 1] as number });
  return series;
}
