import { seededRandom as mulberry32 } from '../../common/seeded-random.ts';
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
 * Delay-based, after TCP Vegas as Netflix concurrency-limits' VegasLimit implements it
 * (https://github.com/Netflix/concurrency-limits, concurrency-limits-core/.../limit/VegasLimit.java):
 *   queue = ceil(limit * (1 - rttNoLoad / rtt))        rttNoLoad: the least RTT seen
 *   queue <= threshold  -> limit + beta   (no queueing: grow fast)
 *   queue <  alpha      -> limit + log10(limit)
 *   queue >  beta       -> limit - log10(limit)        (and on any drop)
 * with alpha = 3 log10(limit), beta = 6 log10(limit), threshold = log10(limit), where log10(x) is Netflix's
 * Log10RootIntFunction, max(1, floor(log10 x)). No growth while fewer than half the limit are in flight.
 * Every probeMultiplier * limit * U[0.5, 1) samples the current RTT becomes the no-load RTT (a probe, so a
 * lasting rise in base latency is accepted). Netflix draws that jitter from ThreadLocalRandom; here it is
 * seeded, so a run can be repeated.
 */
const VEGAS_DEFAULTS = {
  alphaFactor: 3,
  betaFactor: 6,
  /** 1 = no smoothing (Netflix's default). */
  smoothing: 1,
  probeMultiplier: 30,
  seed: 1,
} as const;

export type VegasParameters = { -readonly [K in keyof typeof VEGAS_DEFAULTS]: number };
export type VegasOptions = LimitBounds & Overrides<VegasParameters>;

export class VegasLimit implements LimitAlgorithm {
  readonly #settings: Readonly<VegasParameters>;
  readonly #min: number;
  readonly #max: number;
  readonly #random: () => number;
  #estimated: number;
  #rttNoLoadMs = 0;
  #probeCount = 0;
  #probeJitter: number;

  constructor(options: VegasOptions) {
    this.#settings = resolveSettings<VegasParameters>(VEGAS_DEFAULTS, options);
    const bounds = resolveBounds(options, 1);
    this.#min = bounds.min;
    this.#max = bounds.max;
    this.#estimated = bounds.initial;
    this.#random = mulberry32(this.#settings.seed);
    this.#probeJitter = this.#nextJitter();
  }

  get limit(): number {
    return Math.floor(this.#estimated);
  }

  get rttNoLoadMs(): number {
    return this.#rttNoLoadMs;
  }

  onSample(sample: AlgorithmSample): number {
    const { rttMs } = sample;
    if ((!sample.ok && !sample.backpressure) || !(rttMs > 0)) return this.limit;
    this.#probeCount += 1;
    if (this.#probeJitter * this.#settings.probeMultiplier * this.#estimated <= this.#probeCount) {
      this.#probeJitter = this.#nextJitter();
      this.#probeCount = 0;
      this.#rttNoLoadMs = rttMs;
      return this.limit;
    }
    if (this.#rttNoLoadMs === 0 || rttMs < this.#rttNoLoadMs) {
      this.#rttNoLoadMs = rttMs;
      return this.limit;
    }
    return this.#update(rttMs, sample.inFlight, sample.backpressure);
  }

  #update(rttMs: number, inFlight: number, drop: boolean): number {
    const estimated = this.#estimated;
    const current = Math.floor(estimated);
    const log = log10Root(current);
    const queue = Math.ceil(estimated * (1 - this.#rttNoLoadMs / rttMs));
    let next: number;
    if (drop) next = estimated - log;
    else if (inFlight * 2 < estimated) return current;
    else if (queue <= log) next = estimated + this.#settings.betaFactor * log;
    else if (queue < this.#settings.alphaFactor * log) next = estimated + log;
    else if (queue > this.#settings.betaFactor * log) next = estimated - log;
    else return current;
    next = clamp(next, this.#min, this.#max);
    this.#estimated = (1 - this.#settings.smoothing) * estimated + this.#settings.smoothing * next;
    return this.limit;
  }

  #nextJitter(): number {
    return 0.5 + this.#random() * 0.5;
  }
}

/** Netflix's Log10RootIntFunction: max(1, floor(log10 x)), by digit count so powers of ten are exact. */
export function log10Root(x: number): number {
  return x < 10 ? 1 : String(Math.floor(x)).length - 1;
}
