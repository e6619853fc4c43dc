import jStat from 'jstat';

/** What Welch's test needs from each side: results.json carries throughput mean and stdev, and the iterations. */
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
}

/** Welch's unequal-variances t-test from summary statistics; undefined when a side has fewer than 2 samples. */
export function welchTTest(before: SampleSummary, after: SampleSummary): WelchResult | undefined {
  if (before.n < 2 || after.n < 2) return undefined;
  const varianceBefore = before.stdev ** 2 / before.n;
  const varianceAfter = after.stdev ** 2 / after.n;
  const difference = after.mean - before.mean;
  const standardError = Math.sqrt(varianceBefore + varianceAfter);
  if (standardError === 0) {
    // No spread on either side: any difference is exact, none is no change.
    return { t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: before.n + after.n - 2, pValue: difference === 0 ? 1 : 0 };
  }
  const t = difference / standardError;
  const df = (varianceBefore + varianceAfter) ** 2 / (varianceBefore ** 2 / (before.n - 1) + varianceAfter ** 2 / (after.n - 1));
  const pValue = Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)));
  return { t, df, pValue };
}
