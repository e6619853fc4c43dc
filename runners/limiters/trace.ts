import type { LimitSample } from './types.ts';

const DEFAULT_CAPACITY = 1_000;

interface Bucket {
  readonly atMs: number;
  /** Integrals of limit and in-flight over [atMs, lastMs]. */
  limitArea: number;
  inFlightArea: number;
  last: LimitSample;
  records: number;
}

/**
 * A bounded record of the limit over time. Each kept sample stands for `stride` consecutive records and
 * carries their time-weighted means until the next sample; when the buffer fills, neighbours merge the same
 * way and the stride doubles. So every kept sample covers as many changes as any other, and a mean over a
 * span stays exact at the kept resolution (dropping every other record would bias an oscillating limit
 * towards one of its values).
 */
export class LimitTrace {
  readonly #capacity: number;
  #kept: LimitSample[] = [];
  #stride = 1;
  #open: Bucket | undefined;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = Math.max(4, capacity);
  }

  record(atMs: number, limit: number, inFlight: number): void {
    const sample = { atMs, limit, inFlight };
    const open = this.#open;
    if (open === undefined) {
      this.#open = { atMs, limitArea: 0, inFlightArea: 0, last: sample, records: 1 };
      return;
    }
    const span = atMs - open.last.atMs;
    open.limitArea += open.last.limit * span;
    open.inFlightArea += open.last.inFlight * span;
    open.last = sample;
    if (open.records < this.#stride) {
      open.records += 1;
      return;
    }
    this.#kept.push(closed(open, atMs));
    this.#open = { atMs, limitArea: 0, inFlightArea: 0, last: sample, records: 1 };
    if (this.#kept.length >= this.#capacity) this.#halve(atMs);
  }

  /** The kept samples, then the open bucket's mean and the latest record. */
  samples(): readonly LimitSample[] {
    const open = this.#open;
    if (open === undefined) return this.#kept;
    const tail = open.last.atMs > open.atMs ? [closed(open, open.last.atMs), open.last] : [open.last];
    return [...this.#kept, ...tail];
  }

  #halve(openedAtMs: number): void {
    const old = this.#kept;
    const merged: LimitSample[] = [];
    let i = 0;
    for (; i + 1 < old.length; i += 2) {
      const a = old[i] as LimitSample;
      const b = old[i + 1] as LimitSample;
      const end = old[i + 2]?.atMs ?? openedAtMs;
      const spanA = b.atMs - a.atMs;
      const spanB = end - b.atMs;
      const span = spanA + spanB;
      merged.push(
        span > 0
          ? { atMs: a.atMs, limit: (a.limit * spanA + b.limit * spanB) / span, inFlight: (a.inFlight * spanA + b.inFlight * spanB) / span }
          : { atMs: a.atMs, limit: b.limit, inFlight: b.inFlight },
      );
    }
    if (i < old.length) merged.push(old[i] as LimitSample);
    this.#kept = merged;
    this.#stride *= 2;
  }
}

/** The bucket as one sample: its means over [atMs, endMs], or its last values when that span is empty. */
function closed(bucket: Bucket, endMs: number): LimitSample {
  const span = endMs - bucket.atMs;
  if (span <= 0) return { atMs: bucket.atMs, limit: bucket.last.limit, inFlight: bucket.last.inFlight };
  return { atMs: bucket.atMs, limit: bucket.limitArea / span, inFlight: bucket.inFlightArea / span };
}

/**
 * Where the limit settled: its time-weighted mean over the second half of the trace's time span (each sample
 * holds until the next). The last sample's value when the span is empty; undefined for an empty trace.
 */
export function settledLimit(samples: readonly LimitSample[]): number | undefined {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const from = (first.atMs + last.atMs) / 2;
  const span = last.atMs - from;
  if (span <= 0) return last.limit;
  let area = 0;
  for (let i = 0; i + 1 < samples.length; i += 1) {
    const sample = samples[i] as LimitSample;
    const start = Math.max(from, sample.atMs);
    const end = (samples[i + 1] as LimitSample).atMs;
    if (end > start) area += sample.limit * (end - start);
  }
  return area / span;
}
