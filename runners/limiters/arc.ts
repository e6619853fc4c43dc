import {
  resolveBounds,
  resolveSettings,
  type AlgorithmSample,
  type LimitAlgorithm,
  type LimitBounds,
  type Overrides,
} from './algorithm.ts';

/**
 * Vector's adaptive request concurrency (ARC), client side, after src/sinks/util/adaptive_concurrency/
 * controller.rs in https://github.com/vectordotdev/vector (defaults from its mod.rs). Once per interval
 * of one past mean RTT it compares this interval's mean RTT with an EWMA (mean and variance) of the past ones:
 *   +1        if the limit was reached, nothing pushed back and the interval's RTT <= the past mean;
 *   x0.9      (floored, at least 1) else if anything pushed back or the RTT >= past mean + 2.5 sd;
 * then folds the interval's RTT into the EWMA. Only successful answers contribute RTTs. "The limit was
 * reached" means a request started with the limit in flight, hence the onStart hook.
 */
const ARC_DEFAULTS = {
  decreaseRatio: 0.9,
  ewmaAlpha: 0.4,
  rttDeviationScale: 2.5,
} as const;

export type ArcParameters = { -readonly [K in keyof typeof ARC_DEFAULTS]: number };
export type ArcOptions = LimitBounds & Overrides<ArcParameters>;

interface MeanVariance {
  readonly mean: number;
  readonly variance: number;
}

export class ArcLimit implements LimitAlgorithm {
  readonly #settings: Readonly<ArcParameters>;
  readonly #min: number;
  readonly #max: number;
  #limit: number;
  #past: MeanVariance | undefined;
  #nextUpdateMs = 0;
  #intervalRttSum = 0;
  #intervalRttCount = 0;
  #hadBackpressure = false;
  #reachedLimit = false;

  constructor(options: ArcOptions) {
    this.#settings = resolveSettings<ArcParameters>(ARC_DEFAULTS, options);
    const bounds = resolveBounds(options, 1);
    this.#min = bounds.min;
    this.#max = bounds.max;
    this.#limit = bounds.initial;
  }

  get limit(): number {
    return this.#limit;
  }

  /** The EWMA of past interval RTTs, once there is one. */
  get pastRtt(): MeanVariance | undefined {
    return this.#past;
  }

  onStart(inFlight: number): void {
    if (inFlight >= this.#limit) this.#reachedLimit = true;
  }

  onSample(sample: AlgorithmSample): number {
    if (sample.backpressure) this.#hadBackpressure = true;
    else if (sample.ok) {
      this.#intervalRttSum += sample.rttMs;
      this.#intervalRttCount += 1;
    }
    const current = this.#intervalRttCount > 0 ? this.#intervalRttSum / this.#intervalRttCount : undefined;
    const now = sample.nowMs;
    if (this.#past === undefined) {
      if (current !== undefined) {
        this.#past = { mean: current, variance: 0 };
        this.#nextUpdateMs = now + current;
      }
      return this.#limit;
    }
    if (now < this.#nextUpdateMs) return this.#limit;
    this.#adjust(this.#past, current);
    if (current !== undefined) this.#past = this.#ewma(this.#past, current);
    this.#nextUpdateMs = now + this.#past.mean;
    this.#intervalRttSum = 0;
    this.#intervalRttCount = 0;
    this.#hadBackpressure = false;
    this.#reachedLimit = false;
    return this.#limit;
  }

  #adjust(past: MeanVariance, current: number | undefined): void {
    const threshold = Math.sqrt(past.variance) * this.#settings.rttDeviationScale;
    if (this.#limit < this.#max && this.#reachedLimit && !this.#hadBackpressure && current !== undefined && current <= past.mean) {
      this.#limit += 1;
    } else if (this.#limit > this.#min && (this.#hadBackpressure || (current ?? 0) >= past.mean + threshold)) {
      this.#limit = Math.max(this.#min, Math.floor(this.#limit * this.#settings.decreaseRatio));
    }
  }

  /** Vector's EwmaVar.update. */
  #ewma(past: MeanVariance, point: number): MeanVariance {
    const difference = point - past.mean;
    const increment = this.#settings.ewmaAlpha * difference;
    return { mean: past.mean + increment, variance: (1 - this.#settings.ewmaAlpha) * (past.variance + difference * increment) };
  }
}
