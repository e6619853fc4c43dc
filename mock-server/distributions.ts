import { normalCdf, normalPdf } from './normal-cdf.ts';
import { standardNormal, type Random } from './random.ts';

type DistributionName = 'fixed' | 'uniform' | 'normal' | 'lognormal' | 'exponential' | 'pareto';

/** A latency distribution, parameterised by its mean (before clamping), in ms. */
export interface LatencyShape {
  readonly distribution: DistributionName;
  readonly meanMs: number;
  /** Standard deviation (normal, lognormal) or half-width (uniform); ignored by the others. */
  readonly spreadMs: number;
  readonly paretoShape: number;
  readonly minMs: number;
  readonly maxMs: number;
}

interface Distribution {
  sample(random: Random): number;
  cdf(x: number): number;
  /** E[X; a < X < b] for a <= b. */
  partialMean(a: number, b: number): number;
  /** A single value: sampling it draws nothing. */
  readonly fixed?: true;
}

function point(value: number): Distribution {
  return {
    fixed: true,
    sample: () => value,
    cdf: (x) => (x < value ? 0 : 1),
    partialMean: (a, b) => (a < value && value <= b ? value : 0),
  };
}

function uniform(mean: number, halfWidth: number): Distribution {
  const low = mean - halfWidth;
  const high = mean + halfWidth;
  const clampToRange = (x: number): number => Math.min(high, Math.max(low, x));
  return {
    sample: (random) => low + (high - low) * random(),
    cdf: (x) => (clampToRange(x) - low) / (high - low),
    partialMean: (a, b) => (clampToRange(b) ** 2 - clampToRange(a) ** 2) / (2 * (high - low)),
  };
}

function normal(mean: number, sd: number): Distribution {
  const standard = (x: number): number => (x - mean) / sd;
  return {
    sample: (random) => mean + sd * standardNormal(random),
    cdf: (x) => normalCdf(standard(x)),
    partialMean: (a, b) =>
      mean * (normalCdf(standard(b)) - normalCdf(standard(a))) + sd * (normalPdf(standard(a)) - normalPdf(standard(b))),
  };
}

/** Lognormal with the given mean and standard deviation of the latency itself (not of its logarithm). */
function lognormal(mean: number, sd: number): Distribution {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  const logStandard = (x: number, shift: number): number => (x <= 0 ? -Infinity : (Math.log(x) - mu - shift) / sigma);
  return {
    sample: (random) => Math.exp(mu + sigma * standardNormal(random)),
    cdf: (x) => normalCdf(logStandard(x, 0)),
    partialMean: (a, b) => mean * (normalCdf(logStandard(b, sigma2)) - normalCdf(logStandard(a, sigma2))),
  };
}

function exponential(mean: number): Distribution {
  const tail = (x: number): number => (Math.max(0, x) + mean) * Math.exp(-Math.max(0, x) / mean);
  return {
    sample: (random) => -mean * Math.log(1 - random()),
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / mean)),
    partialMean: (a, b) => tail(a) - tail(b),
  };
}

/** Pareto (type I) with the given mean and tail index alpha > 1: scale = mean (alpha - 1) / alpha. */
function pareto(mean: number, alpha: number): Distribution {
  const scale = (mean * (alpha - 1)) / alpha;
  const antiderivative = (x: number): number => ((alpha * scale ** alpha) / (alpha - 1)) * Math.max(x, scale) ** (1 - alpha);
  return {
    sample: (random) => scale * (1 - random()) ** (-1 / alpha),
    cdf: (x) => (x < scale ? 0 : 1 - (scale / x) ** alpha),
    partialMean: (a, b) => antiderivative(a) - antiderivative(b),
  };
}

function distributionOf(shape: LatencyShape): Distribution {
  const { meanMs: mean, spreadMs: spread } = shape;
  if (mean <= 0) return point(0);
  switch (shape.distribution) {
    case 'fixed':
      return point(mean);
    case 'uniform':
      return spread > 0 ? uniform(mean, spread) : point(mean);
    case 'normal':
      return spread > 0 ? normal(mean, spread) : point(mean);
    case 'lognormal':
      return spread > 0 ? lognormal(mean, spread) : point(mean);
    case 'exponential':
      return exponential(mean);
    case 'pareto':
      return pareto(mean, shape.paretoShape);
  }
}

/** Draws latencies from the shape, clamped to [minMs, maxMs]. */
export function latencySampler(shape: LatencyShape, random: Random): () => number {
  const distribution = distributionOf(shape);
  return () => Math.min(shape.maxMs, Math.max(shape.minMs, distribution.sample(random)));
}

/** Whether a latency of this shape is drawn at random (anything but a single value, or a clamp to one). */
export function latencyIsDrawn(shape: LatencyShape): boolean {
  return shape.minMs < shape.maxMs && distributionOf(shape).fixed !== true;
}

/** The exact mean of the clamped distribution: E[clamp(X, a, b)] = a F(a) + b (1 - F(b)) + E[X; a < X < b]. */
export function clampedMeanMs(shape: LatencyShape): number {
  const { minMs: a, maxMs: b } = shape;
  if (a >= b) return a;
  const distribution = distributionOf(shape);
  return a * distribution.cdf(a) + b * (1 - distribution.cdf(b)) + distribution.partialMean(a, b);
}
