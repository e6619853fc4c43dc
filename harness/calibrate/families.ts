import jStat from 'jstat';
import { serverProfileSchema, type ServerProfileInput } from '../../mock-server/profile.ts';
import { exponentialCriticalValue } from './exponential-critical-value.ts';
import type { ExponentialFit, FitOptions, FixedFit, LognormalFit, NormalFit, ParetoFit, SkippedFamily } from './fit-types.ts';
import { ksCriticalValue, ksDistance, ksDistanceToPoint } from './ks.ts';

// Maximum-likelihood fits of each family to ascending samples (ms), with their KS distance, the distance above
// which the fit is poor at `alpha`, and the parameters converted into the mock server's terms
// (mock-server/distributions.ts parameterises every family by its mean).

type ServerTerms = Pick<ServerProfileInput, 'latencyDistribution' | 'latencyMs' | 'latencySpreadMs' | 'paretoShape'>;
type Alpha = FitOptions['alpha'];

const paretoShapeSchema = serverProfileSchema.shape.paretoShape.unwrap();
/** The shapes the server accepts: above 1 its mean exists, and the schema's bounds. */
const PARETO_SHAPE_MIN = paretoShapeSchema.minValue ?? 1.05;
const PARETO_SHAPE_MAX = paretoShapeSchema.maxValue ?? 100;

/** Mean and standard deviation with n in the denominator: the normal's maximum-likelihood estimates. */
function moments(values: readonly number[]): { readonly mean: number; readonly sd: number } {
  return { mean: jStat.mean(values), sd: jStat.stdev(values, false) };
}

export function fitFixed(sorted: readonly number[], alpha: Alpha): FixedFit {
  const valueMs = jStat.mean(sorted);
  const server = { latencyDistribution: 'fixed', latencyMs: valueMs } as const satisfies ServerTerms;
  return {
    family: 'fixed',
    parameters: { valueMs },
    server,
    ksDistance: ksDistanceToPoint(sorted, valueMs),
    criticalDistance: ksCriticalValue(sorted.length, alpha),
  };
}

export function fitNormal(sorted: readonly number[], alpha: Alpha): NormalFit | SkippedFamily {
  const { mean, sd } = moments(sorted);
  if (!(sd > 0)) return { family: 'normal', skipped: 'the samples have no spread' };
  const server = { latencyDistribution: 'normal', latencyMs: mean, latencySpreadMs: sd } as const satisfies ServerTerms;
  return {
    family: 'normal',
    parameters: { meanMs: mean, sdMs: sd },
    server,
    ksDistance: ksDistance(sorted, (x) => jStat.normal.cdf(x, mean, sd)),
    criticalDistance: ksCriticalValue(sorted.length, alpha),
  };
}

export function fitLognormal(sorted: readonly number[], alpha: Alpha): LognormalFit | SkippedFamily {
  if (!((sorted[0] ?? 0) > 0)) return { family: 'lognormal', skipped: 'it needs every sample > 0' };
  const { mean: mu, sd: sigma } = moments(sorted.map(Math.log));
  if (!(sigma > 0)) return { family: 'lognormal', skipped: 'the samples have no spread' };
  // Mean and standard deviation of X when ln X ~ N(mu, sigma^2); the server inverts exactly these.
  const latencyMs = Math.exp(mu + (sigma * sigma) / 2);
  const latencySpreadMs = latencyMs * Math.sqrt(Math.expm1(sigma * sigma));
  const server = { latencyDistribution: 'lognormal', latencyMs, latencySpreadMs } as const satisfies ServerTerms;
  return {
    family: 'lognormal',
    parameters: { mu, sigma },
    server,
    ksDistance: ksDistance(sorted, (x) => jStat.lognormal.cdf(x, mu, sigma)),
    criticalDistance: ksCriticalValue(sorted.length, alpha),
  };
}

export function fitExponential(sorted: readonly number[], alpha: Alpha): ExponentialFit | SkippedFamily {
  if ((sorted[0] ?? 0) < 0) return { family: 'exponential', skipped: 'it needs every sample >= 0' };
  const meanMs = jStat.mean(sorted);
  if (!(meanMs > 0)) return { family: 'exponential', skipped: 'the samples have no spread' };
  const server = { latencyDistribution: 'exponential', latencyMs: meanMs } as const satisfies ServerTerms;
  return {
    family: 'exponential',
    parameters: { meanMs },
    server,
    // 1 - e^(-x / mean), written out: the jstat declaration (harness/statistics) lists only what the rest uses.
    ksDistance: ksDistance(sorted, (x) => (x <= 0 ? 0 : -Math.expm1(-x / meanMs))),
    criticalDistance: exponentialCriticalValue(sorted.length, alpha),
  };
}

export function fitPareto(sorted: readonly number[], alpha: Alpha): ParetoFit | SkippedFamily {
  const scaleMs = sorted[0] ?? 0;
  if (!(scaleMs > 0)) return { family: 'pareto', skipped: 'it needs every sample > 0' };
  const logSum = sorted.reduce((sum, x) => sum + Math.log(x / scaleMs), 0);
  if (!(logSum > 0)) return { family: 'pareto', skipped: 'the samples have no spread' };
  const shape = sorted.length / logSum;
  const paretoShape = Math.min(PARETO_SHAPE_MAX, Math.max(PARETO_SHAPE_MIN, shape));
  // The server's scale is mean (shape - 1) / shape, so the mean that keeps the fitted scale is scale shape / (shape - 1).
  const latencyMs = (scaleMs * paretoShape) / (paretoShape - 1);
  const server = { latencyDistribution: 'pareto', latencyMs, paretoShape } as const satisfies ServerTerms;
  const fit: ParetoFit = {
    family: 'pareto',
    parameters: { scaleMs, shape },
    server,
    ksDistance: ksDistance(sorted, (x) => jStat.pareto.cdf(x, scaleMs, shape)),
    criticalDistance: ksCriticalValue(sorted.length, alpha),
  };
  if (paretoShape === shape) return fit;
  const why =
    shape < PARETO_SHAPE_MIN
      ? `a tail this heavy has ${shape <= 1 ? 'no finite mean' : 'a mean the server does not model'}`
      : 'the server takes no lighter tail';
  return {
    ...fit,
    serverNote: `fitted shape ${shape.toPrecision(3)} is outside the server's [${PARETO_SHAPE_MIN}, ${PARETO_SHAPE_MAX}] (${why}); the server gets ${paretoShape}`,
  };
}
