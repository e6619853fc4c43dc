import { type UslParameters, uslThroughput } from '../../results/usl.ts';
import { NEAR_BEST } from '../../results/level-rules.ts';
import jStat from 'jstat';
import { levenbergMarquardt } from 'ml-levenberg-marquardt';

export interface UslSample {
  readonly concurrency: number;
  readonly throughput: number;
}

export interface UslFit extends UslParameters {
  /** Standard errors from the Jacobian at the solution: sqrt of the diagonal of (J^T J)^-1 x the residual variance. */
  readonly sigmaError: number;
  readonly kappaError: number;
  readonly lambdaError: number;
  /** kappa +- t(0.975, levels - 3) x its standard error. */
  readonly kappaInterval: readonly [number, number];
  readonly r2: number;
  /** Distinct levels the fit used, and the highest of them. */
  readonly levels: number;
  readonly highestLevel: number;
  /** floor(sqrt((1 - sigma) / kappa)), the model's peak, whenever kappa > 0: measured or not. */
  readonly modelPeakConcurrency?: number | undefined;
  /**
   * A retrograde region: kappa's interval excludes 0 and the furthest level measured, past the model's peak, lost
   * throughput (below FALL_SHARE of the best measured, and nearer the fitted curve's value there than the flat peak).
   * A capacity limit, flat past its knee, also fits a small kappa > 0.
   */
  readonly retrograde: boolean;
  /** Why there is none: kappa is indistinguishable from 0, or the furthest level measured did not fall past the model's peak. */
  readonly flatBecause?: 'kappa-zero' | 'no-measured-fall' | undefined;
  /** N* = the model's peak, only with a retrograde region. */
  readonly peakConcurrency?: number | undefined;
  /** X(N*) where kappa > 0; lambda / sigma, the ceiling it approaches, where kappa is 0; absent when both are 0 (limitless). */
  readonly peakThroughput?: number | undefined;
  /** codahale/usl's rule: contention when sigma > kappa, coherency otherwise; contention wherever there is no retrograde region. */
  readonly limitedBy: 'contention' | 'coherency';
}

/** jstat's matrix inverse, which harness/statistics/jstat.d.ts does not declare: checked once at load. */
interface MatrixInverse {
  inv(matrix: number[][]): number[][];
}
function hasInverse(library: object): library is MatrixInverse {
  return 'inv' in library && typeof library.inv === 'function';
}
if (!hasInverse(jStat)) throw new Error('jstat lacks inv(): the USL fit needs its matrix inverse');
const matrix: MatrixInverse = jStat;

/**
 * How residuals weigh: `relative` (tune's default) divides each by its measured throughput, since the noise of a
 * batch's wall time is proportional to it; `absolute` is codahale/usl's plain least squares.
 */
export type UslWeighting = 'relative' | 'absolute';

export type UslOutcome = ({ readonly kind: 'fit' } & UslFit) | { readonly kind: 'none'; readonly reason: string };

/** codahale/usl and usl4j refuse fewer: three parameters need at least twice as many levels to say anything. */
export const MIN_USL_LEVELS = 6;

/** The two-sided confidence of the kappa interval that decides "no retrograde region". */
const KAPPA_CONFIDENCE = 0.95;

/** A level past the model's peak below this share of the best measured throughput shows the fall (tune's NEAR_BEST). */
const FALL_SHARE = NEAR_BEST;

/** dX/d(sigma, kappa, lambda) at one level, in the order the fit's parameter vector has them. */
function gradient([sigma = 0, kappa = 0, lambda = 0]: readonly number[], n: number): number[] {
  const denominator = 1 + sigma * (n - 1) + kappa * n * (n - 1);
  const squared = denominator * denominator;
  return [(-lambda * n * (n - 1)) / squared, (-lambda * n * n * (n - 1)) / squared, n / denominator];
}

/** Starting points of the search: codahale/usl's (0.1, 0.01), then weak and strong contention without much coherency. */
const STARTS: readonly (readonly [sigma: number, kappa: number])[] = [
  [0.1, 0.01],
  [0.01, 0.0001],
  [0.5, 0.0001],
  [0.02, 0.001],
];

function sumOfSquares(samples: readonly UslSample[], parameters: UslParameters): number {
  return samples.reduce((sum, sample) => sum + (sample.throughput - uslThroughput(parameters, sample.concurrency)) ** 2, 0);
}

/**
 * Fits sigma, kappa and lambda by bounded Levenberg-Marquardt (ml-levenberg-marquardt) from a few starting points,
 * keeping the one with the least squared error. Throughputs are scaled by their maximum so lambda's scale is
 * near the others'. Fewer than MIN_USL_LEVELS distinct levels: no fit.
 */
export function fitUsl(samples: readonly UslSample[], weighting: UslWeighting = 'relative'): UslOutcome {
  const levels = new Set(samples.map((sample) => sample.concurrency)).size;
  if (levels < MIN_USL_LEVELS) return { kind: 'none', reason: `${levels} distinct levels measured, the fit needs ${MIN_USL_LEVELS}` };
  if (!samples.every((sample) => sample.throughput > 0)) return { kind: 'none', reason: 'a level measured no throughput' };
  const scale = Math.max(...samples.map((sample) => sample.throughput));
  // Residuals are (model - measured) / divisor: the measured throughput (relative) or the largest one (absolute, scaled).
  const divisors = samples.map((sample) => (weighting === 'relative' ? sample.throughput : scale));
  const at = (index: number): { readonly n: number; readonly divisor: number } => ({
    n: samples[index]?.concurrency ?? 1,
    divisor: divisors[index] ?? 1,
  });
  // x is the sample's index, so each residual can have its own divisor; every y is the measured one over it.
  const data = { x: samples.map((_, index) => index), y: samples.map((sample, index) => sample.throughput / (divisors[index] ?? 1)) };
  const lambdaStart = Math.max(...samples.map((sample) => sample.throughput / sample.concurrency));
  let best: UslParameters | undefined;
  let bestError = Number.POSITIVE_INFINITY;
  for (const [sigma, kappa] of STARTS) {
    const result = levenbergMarquardt(
      data,
      ([s = 0, k = 0, l = 0]) =>
        (index) => {
          const { n, divisor } = at(index);
          return uslThroughput({ sigma: s, kappa: k, lambda: l * scale }, n) / divisor;
        },
      {
        initialValues: [sigma, kappa, lambdaStart / scale],
        minValues: [0, 0, 1e-9],
        maxValues: [1, 1, (10 * lambdaStart) / scale + 1],
        jacobianFunction: (parameters) => (index) => {
          const { n, divisor } = at(index);
          const [s = 0, k = 0, l = 0] = parameters;
          return gradient([s, k, l * scale], n).map((partial, which) => (which === 2 ? partial * scale : partial) / divisor);
        },
        damping: 1e-2,
        maxIterations: 500,
        errorTolerance: 1e-14,
      },
    );
    const [s = 0, k = 0, l = 0] = result.parameterValues;
    const candidate = { sigma: s, kappa: k, lambda: l * scale };
    if (result.parameterError < bestError) {
      best = candidate;
      bestError = result.parameterError;
    }
  }
  if (!best) return { kind: 'none', reason: 'the fit did not converge' };
  return describeFit(samples, divisors, best, levels);
}

/** Standard errors, R^2, the peak and what limits it, for fitted parameters. */
function describeFit(samples: readonly UslSample[], divisors: readonly number[], parameters: UslParameters, levels: number): UslOutcome {
  const freedom = samples.length - 3;
  const vector = [parameters.sigma, parameters.kappa, parameters.lambda];
  // The Jacobian and residuals of the problem as fitted (each divided by its divisor), in req/s for lambda.
  const jacobian = samples.map((sample, index) => gradient(vector, sample.concurrency).map((partial) => partial / (divisors[index] ?? 1)));
  const fittedError = samples.reduce(
    (sum, sample, index) => sum + ((sample.throughput - uslThroughput(parameters, sample.concurrency)) / (divisors[index] ?? 1)) ** 2,
    0,
  );
  const normal = [0, 1, 2].map((row) =>
    [0, 1, 2].map((column) => jacobian.reduce((sum, line) => sum + (line[row] ?? 0) * (line[column] ?? 0), 0)),
  );
  const covariance = matrix.inv(normal);
  const variance = fittedError / freedom;
  const errors = [0, 1, 2].map((index) => Math.sqrt(Math.max(0, (covariance[index]?.[index] ?? Number.NaN) * variance)));
  const [sigmaError = Number.NaN, kappaError = Number.NaN, lambdaError = Number.NaN] = errors;
  if (!errors.every(Number.isFinite)) return { kind: 'none', reason: 'the measured levels do not tell sigma and kappa apart' };
  const squaredError = sumOfSquares(samples, parameters);
  const mean = samples.reduce((sum, sample) => sum + sample.throughput, 0) / samples.length;
  const total = samples.reduce((sum, sample) => sum + (sample.throughput - mean) ** 2, 0);
  const r2 = total > 0 ? 1 - squaredError / total : 1;
  const t = jStat.studentt.inv(1 - (1 - KAPPA_CONFIDENCE) / 2, freedom);
  const kappaInterval = [parameters.kappa - t * kappaError, parameters.kappa + t * kappaError] as const;
  const highestLevel = Math.max(...samples.map((sample) => sample.concurrency));
  const base = { kind: 'fit' as const, ...parameters, sigmaError, kappaError, lambdaError, kappaInterval, r2, levels, highestLevel };
  if (parameters.kappa <= 0) {
    const ceiling = parameters.sigma > 0 ? parameters.lambda / parameters.sigma : undefined;
    return { ...base, retrograde: false, flatBecause: 'kappa-zero', peakThroughput: ceiling, limitedBy: 'contention' };
  }
  const modelPeakConcurrency = Math.max(1, Math.floor(Math.sqrt((1 - parameters.sigma) / parameters.kappa)));
  const peakThroughput = uslThroughput(parameters, modelPeakConcurrency);
  const fit = { ...base, modelPeakConcurrency, peakThroughput };
  if (kappaInterval[0] <= 0) return { ...fit, retrograde: false, flatBecause: 'kappa-zero', limitedBy: 'contention' };
  const best = Math.max(...samples.map((sample) => sample.throughput));
  // The furthest level, where the model falls most: one noisy low level nearer the peak is not a retrograde region.
  const furthest = samples.filter((sample) => sample.concurrency === highestLevel);
  const furthestThroughput = furthest.reduce((sum, sample) => sum + sample.throughput, 0) / furthest.length;
  // Fallen means below 95% of the best and nearer the curve's value there than the flat peak's: where the model
  // expects 85% a capacity limit reads 95 +- a few %, and a true peak about 85%.
  const expected = uslThroughput(parameters, highestLevel) / uslThroughput(parameters, modelPeakConcurrency);
  const fell = highestLevel > modelPeakConcurrency && furthestThroughput < Math.min(FALL_SHARE, (1 + expected) / 2) * best;
  if (!fell) return { ...fit, retrograde: false, flatBecause: 'no-measured-fall', limitedBy: 'contention' };
  return {
    ...fit,
    retrograde: true,
    peakConcurrency: modelPeakConcurrency,
    limitedBy: parameters.sigma > parameters.kappa ? 'contention' : 'coherency',
  };
}
