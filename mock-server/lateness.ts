import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  type LatencyHistogram,
  latencyPercentilesMs,
  recordLatencyMs,
} from '../common/histogram.ts';

/**
 * How late the server wrote its answers: the write time minus the deadline the behaviour model set (arrival +
 * queue wait + service time, or the end of a pause). Lateness is the server's own error, which lands in every
 * client's latency; `early` must stay 0 (an answer before its deadline would flatter every model alike).
 */
export interface ServerLateness {
  /** Answers written since the last /__reset (every answer with a status: 2xx, 429, 500, 503 ...). */
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Answers written before their deadline (recorded as 0 in the histogram). */
  readonly early: number;
  /** The HDR histogram of lateness in microseconds (common/histogram.ts encoding), so workers' figures merge exactly. */
  readonly histogram: string;
}

/** The lateness of every answer since the last reset. */
export class LatenessRecord {
  #histogram: LatencyHistogram = createLatencyHistogram();
  #early = 0;

  /** `lateMs` < 0: the answer went out before its deadline. */
  record(lateMs: number): void {
    if (lateMs < 0) this.#early += 1;
    recordLatencyMs(this.#histogram, Math.max(0, lateMs));
  }

  reset(): void {
    this.#histogram.reset();
    this.#early = 0;
  }

  snapshot(): ServerLateness {
    return summarise(this.#histogram, this.#early);
  }
}

/** Several workers' lateness as one: the histograms added, the summary read off the sum. */
export function mergeLateness(parts: readonly ServerLateness[]): ServerLateness {
  const merged = createLatencyHistogram();
  let early = 0;
  for (const part of parts) {
    if (part.count > 0) merged.add(decodeHistogram(part.histogram));
    early += part.early;
  }
  return summarise(merged, early);
}

// The max is read as a percentile too (the top of its bucket, 3 significant digits): an encoded histogram keeps
// buckets, not the exact max, so one worker's figures and a merge of several read alike.
function summarise(histogram: LatencyHistogram, early: number): ServerLateness {
  const { p50, p99 } = latencyPercentilesMs(histogram);
  const maxMs = histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(100) / 1000;
  return { count: histogram.totalCount, p50Ms: p50, p99Ms: p99, maxMs, early, histogram: encodeHistogram(histogram) };
}

/** No answers yet (or none the server can know of, as for a --target run). */
export const NO_LATENESS: ServerLateness = new LatenessRecord().snapshot();
