import jStat from 'jstat';

/** What a two-sample comparison needs from each side: results.json carries throughput mean and stdev, and the iterations. */
export interface SampleSummary {
  readonly mean: number;
  /** Sample standard deviation (n - 1 in the denominator), as tinybench reports it. */
  readonly stdev: number;
  readonly n: number;
}

export interface WelchResult {
  /** (after.mean - before.mean) / standard error: positive when `after` is larger. */
  readonly t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided. */
  readonly pValue: number;
  /** sqrt(s1^2 / n1 + s2^2 / n2): the standard error of the difference of the means. */
  readonly standardError: number;
}

/**
 * Welch's unequal-variances t-test from summary statistics; undefined when a side has fewer than 2 samples.
 */
export function welchTTest(before: SampleSummary, after: SampleSummary): WelchResult | undefined {
  if (before.n < 2 || after.n < 2) return undefined;
  const varianceBefore = before.stdev ** 2 / before.n;
  const varianceAfter = after.stdev ** 2 / after.n;
  const difference = after.mean - before.mean;
  const standardError = Math.sqrt(varianceBefore + varianceAfter);
  if (standardError === 0) {
    // No spread on either side: any difference is exact, none is no change.
    return {
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      df: before.n + after.n - 2,
      pValue: difference === 0 ? 1 : 0,
      standardError,
    };
  }
  const t = difference / standardError;
  const df = (varianceBefore + varianceAfter) ** 2 / (varianceBefore ** 2 / (before.n - 1) + varianceAfter ** 2 / (after.n - 1));
  const pValue = Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)));
  return { t, df, pValue, standardError };
}

/** How large a difference is, beside whether it is real (the p-value). Positive when `after` is larger. */
export interface EffectSize {
  /** (after.mean - before.mean) / before.mean: 0.05 is 5% faster. */
  readonly relativeDifference: number;
  /** Cohen's d: the difference over the pooled standard deviation sqrt(((n1-1) s1^2 + (n2-1) s2^2) / (n1 + n2 - 2)). */
  readonly cohensD: number;
  /**
   * Hedges' g: Cohen's d times the small-sample correction J = 1 - 3 / (4 (n1 + n2) - 9) (Hedges 1981's
   * approximation of the exact gamma-function factor). d overstates the effect at the 5-10 iterations a bench
   * runs; g does not, so g is the one verdicts report.
   */
  readonly hedgesG: number;
}

/** Relative difference and standardised effect of `after` against `before`; undefined when a side has fewer than 2 samples. */
export function effectSize(before: SampleSummary, after: SampleSummary): EffectSize | undefined {
  if (before.n < 2 || after.n < 2) return undefined;
  const difference = after.mean - before.mean;
  const pooledVariance = ((before.n - 1) * before.stdev ** 2 + (after.n - 1) * after.stdev ** 2) / (before.n + after.n - 2);
  const pooled = Math.sqrt(pooledVariance);
  const cohensD = pooled === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / pooled;
  const correction = 1 - 3 / (4 * (before.n + after.n) - 9);
  return { relativeDifference: difference / before.mean, cohensD, hedgesG: cohensD * correction };
}
