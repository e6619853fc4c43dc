import jStat from 'jstat';

export interface MedianInterval {
  readonly median: number;
  /** Order statistics x(k) and x(n + 1 - k) that cover the true median with at least `confidence`; NaN when n is too small. */
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
}

/**
 * The sample median with its distribution-free confidence interval: the median lies below x(k) only if at most
 * k - 1 of n values fall below it, which happens with probability P(Binomial(n, 1/2) <= k - 1). The largest k
 * whose two tails together stay within 1 - confidence gives the interval [x(k), x(n + 1 - k)].
 */
export function medianInterval(values: readonly number[], confidence = 0.95): MedianInterval {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  const median = jStat.median(sorted);
  let k = 0;
  while (k + 1 <= middle && 2 * jStat.binomial.cdf(k, n, 0.5) <= 1 - confidence) k += 1;
  if (k === 0) return { median, low: Number.NaN, high: Number.NaN, confidence };
  return { median, low: sorted[k - 1] as number, high: sorted[n - k] as number, confidence };
}
