import { clamp, resolveSettings, type AlgorithmSample, type LimitAlgorithm, type Overrides } from './algorithm.ts';

/**
 * Netflix concurrency-limits' WindowedLimit (https://github.com/Netflix/concurrency-limits,
 * concurrency-limits-core/.../limit/WindowedLimit.java with its average sample window): samples gather in a
 * window and the wrapped algorithm sees one sample per window (mean RTT, most in flight, any drop). A window
 * closes at the first answer past its deadline and counts only with at least `windowSize` samples; the next
 * deadline is that answer's time + clamp(2 x the closed window's least RTT, minWindowMs, maxWindowMs).
 * Netflix's README wraps Gradient2 in it.
 */
export const WINDOWED_DEFAULTS = {
  minWindowMs: 1_000,
  maxWindowMs: 1_000,
  windowSize: 10,
  /** Faster answers are not samples (Netflix: 100 microseconds). */
  minRttThresholdMs: 0.1,
} as const;

export type WindowedParameters = { -readonly [K in keyof typeof WINDOWED_DEFAULTS]: number };

export class WindowedLimit implements LimitAlgorithm {
  readonly #delegate: LimitAlgorithm;
  readonly #settings: Readonly<WindowedParameters>;
  #nextUpdateMs = 0;
  #count = 0;
  #rttSum = 0;
  #minRtt = Number.POSITIVE_INFINITY;
  #maxInFlight = 0;
  #drop = false;

  constructor(delegate: LimitAlgorithm, options: Overrides<WindowedParameters> = {}) {
    this.#delegate = delegate;
    this.#settings = resolveSettings<WindowedParameters>(WINDOWED_DEFAULTS, options);
  }

  get limit(): number {
    return this.#delegate.limit;
  }

  onStart(inFlight: number, nowMs: number): void {
    this.#delegate.onStart?.(inFlight, nowMs);
  }

  onSample(sample: AlgorithmSample): number {
    if (sample.rttMs < this.#settings.minRttThresholdMs || (!sample.ok && !sample.backpressure)) return this.limit;
    this.#count += 1;
    this.#rttSum += sample.rttMs;
    this.#minRtt = Math.min(this.#minRtt, sample.rttMs);
    this.#maxInFlight = Math.max(this.#maxInFlight, sample.inFlight);
    this.#drop ||= sample.backpressure;
    if (sample.nowMs <= this.#nextUpdateMs) return this.limit;
    const { minWindowMs, maxWindowMs, windowSize } = this.#settings;
    this.#nextUpdateMs = sample.nowMs + clamp(this.#minRtt * 2, minWindowMs, maxWindowMs);
    const ready = this.#count >= windowSize;
    const windowSample: AlgorithmSample = {
      rttMs: this.#rttSum / this.#count,
      inFlight: this.#maxInFlight,
      backpressure: this.#drop,
      ok: !this.#drop,
      nowMs: sample.nowMs,
    };
    this.#count = 0;
    this.#rttSum = 0;
    this.#minRtt = Number.POSITIVE_INFINITY;
    this.#maxInFlight = 0;
    this.#drop = false;
    return ready ? this.#delegate.onSample(windowSample) : this.limit;
  }
}
