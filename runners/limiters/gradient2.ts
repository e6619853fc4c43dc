import {
  clamp,
  resolveBounds,
  resolveSettings,
  type AlgorithmSample,
  type LimitAlgorithm,
  type LimitBounds,
  type Overrides,
} from './algorithm.ts';

/**
 * Gradient of a long-term against the short-term RTT, after Netflix concurrency-limits' Gradient2Limit
 * (https://github.com/Netflix/concurrency-limits, concurrency-limits-core/.../limit/Gradient2Limit.java):
 *   longRtt  = exponential average of the RTT over `longWindow` samples (plain mean over the first 10)
 *   gradient = clamp(rttTolerance * longRtt / rtt, 0.5, 1)
 *   limit    = (1 - smoothing) * limit + smoothing * (gradient * limit + queueSize)
 * The per-sample RTT is the short-term one, as in Netflix's current code. When the long RTT exceeds twice the
 * short one (load is over) it decays by 5% per sample. No change at all while fewer than half the limit are
 * in flight ("app limited"). As in the original, drops are not a separate signal: only their RTT counts.
 * The registry wraps it in WindowedLimit (one sample per window), as Netflix's README does.
 */
const GRADIENT2_DEFAULTS = {
  smoothing: 0.2,
  /** Requests allowed to queue: the growth step while the RTT stays within tolerance. */
  queueSize: 4,
  longWindow: 600,
  rttTolerance: 1.5,
} as const;

/** Netflix's ExpAvgMeasurement warm-up: a plain mean over the first samples. */
const WARMUP_SAMPLES = 10;

export type Gradient2Parameters = { -readonly [K in keyof typeof GRADIENT2_DEFAULTS]: number };
export type Gradient2Options = LimitBounds & Overrides<Gradient2Parameters>;

export class Gradient2Limit implements LimitAlgorithm {
  readonly #settings: Readonly<Gradient2Parameters>;
  readonly #min: number;
  readonly #max: number;
  readonly #longFactor: number;
  #estimated: number;
  #longRttMs = 0;
  #longCount = 0;

  constructor(options: Gradient2Options) {
    this.#settings = resolveSettings<Gradient2Parameters>(GRADIENT2_DEFAULTS, options);
    const bounds = resolveBounds(options, 1);
    this.#min = bounds.min;
    this.#max = bounds.max;
    this.#estimated = bounds.initial;
    this.#longFactor = 2 / (this.#settings.longWindow + 1);
  }

  get limit(): number {
    return Math.floor(this.#estimated);
  }

  get longRttMs(): number {
    return this.#longRttMs;
  }

  onSample(sample: AlgorithmSample): number {
    const shortRtt = sample.rttMs;
    if ((!sample.ok && !sample.backpressure) || !(shortRtt > 0)) return this.limit;
    const longRtt = this.#addLong(shortRtt);
    if (longRtt / shortRtt > 2) this.#longRttMs *= 0.95;
    const estimated = this.#estimated;
    if (sample.inFlight < estimated / 2) return this.limit;
    const { smoothing, queueSize, rttTolerance } = this.#settings;
    const gradient = clamp((rttTolerance * longRtt) / shortRtt, 0.5, 1);
    const target = estimated * gradient + queueSize;
    this.#estimated = clamp(estimated * (1 - smoothing) + target * smoothing, this.#min, this.#max);
    return this.limit;
  }

  #addLong(rttMs: number): number {
    if (this.#longCount < WARMUP_SAMPLES) {
      this.#longCount += 1;
      this.#longRttMs += (rttMs - this.#longRttMs) / this.#longCount;
    } else {
      this.#longRttMs = this.#longRttMs * (1 - this.#longFactor) + rttMs * this.#longFactor;
    }
    return this.#longRttMs;
  }
}
