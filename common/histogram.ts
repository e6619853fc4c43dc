// Namespace import: this CommonJS package's named exports are what ESM sees in every loader.
import * as hdr from 'hdr-histogram-js';

export type LatencyHistogram = ReturnType<typeof hdr.build>;

export interface LatencyPercentilesMs {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly min: number;
  readonly mean: number;
}

const HOUR_IN_MICROSECONDS = 3_600_000_000;

/** HDR histogram of latencies in microseconds (3 significant digits): mergeable and cheap to ship between processes. */
export function createLatencyHistogram(): LatencyHistogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HOUR_IN_MICROSECONDS,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
}

export function recordLatencyMs(histogram: LatencyHistogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

export function encodeHistogram(histogram: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): LatencyHistogram {
  return hdr.decodeFromCompressedBase64(encoded);
}

export function latencyPercentilesMs(histogram: LatencyHistogram): LatencyPercentilesMs {
  const ms = (us: number): number => us / 1000;
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, min: 0, mean: 0 };
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    min: ms(histogram.minNonZeroValue),
    mean: ms(histogram.mean),
  };
}
