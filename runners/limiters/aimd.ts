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
 * Loss-based AIMD, after Netflix concurrency-limits' AIMDLimit
 * (https://github.com/Netflix/concurrency-limits, concurrency-limits-core/.../limit/AIMDLimit.java):
 * on a drop (here: back-pressure) or an RTT above `timeoutMs` the limit becomes floor(limit * backoffRatio);
 * otherwise it grows by 1, but only while at least half the limit is in flight, so an app-limited client
 * does not drift upwards. Netflix's defaults are kept except the start and minimum (20 there; 1 here, so
 * the limit has to be earned from a small start).
 */
const AIMD_DEFAULTS = {
  /** Netflix requires [0.5, 1). */
  backoffRatio: 0.9,
  /** Netflix's `timeout`: a slower answer counts as a drop (the "latency above a bound" signal). */
  timeoutMs: 5_000,
} as const;

export type AimdParameters = { -readonly [K in keyof typeof AIMD_DEFAULTS]: number };
export type AimdOptions = LimitBounds & Overrides<AimdParameters>;

export class AimdLimit implements LimitAlgorithm {
  readonly #settings: Readonly<AimdParameters>;
  readonly #min: number;
  readonly #max: number;
  #limit: number;

  constructor(options: AimdOptions) {
    this.#settings = resolveSettings<AimdParameters>(AIMD_DEFAULTS, options);
    const bounds = resolveBounds(options, 1);
    this.#min = bounds.min;
    this.#max = bounds.max;
    this.#limit = bounds.initial;
  }

  get limit(): number {
    return this.#limit;
  }

  onSample(sample: AlgorithmSample): number {
    if (!sample.ok && !sample.backpressure) return this.#limit;
    let next = this.#limit;
    if (sample.backpressure || sample.rttMs > this.#settings.timeoutMs) next = Math.floor(next * this.#settings.backoffRatio);
    else if (sample.inFlight * 2 >= next) next += 1;
    this.#limit = clamp(next, this.#min, this.#max);
    return this.#limit;
  }
}
