/**
 * Kolmogorov-Smirnov distance sup |F(x) - Fn(x)| between a continuous CDF and the empirical CDF of `sorted` (ascending).
 * Fn jumps at every sample, so the supremum is at a sample, on one side of its jump: max(i / n - F(x_i),
 * F(x_i) - (i - 1) / n). Tied samples are handled by the same formula (the jump is the run of equal values).
 */
export function ksDistance(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  let distance = 0;
  sorted.forEach((x, index) => {
    const fitted = cdf(x);
    distance = Math.max(distance, (index + 1) / n - fitted, fitted - index / n);
  });
  return distance;
}

/**
 * The asymptotic KS critical value c(alpha) / sqrt(n), c(alpha) = sqrt(-ln(alpha / 2) / 2) (1.63 at alpha 0.01).
 * It assumes a fully specified distribution; fitted parameters bring the fit closer to the samples (Lilliefors),
 * so as a test of a fit it is lenient: a fit it flags is poor, one it passes may still be off.
 */
export function ksCriticalValue(n: number, alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** KS distance to a point mass at `value` (a step CDF, where the formula above does not apply): the share of samples off it, the larger side. */
export function ksDistanceToPoint(sorted: readonly number[], value: number): number {
  const below = sorted.filter((x) => x < value).length;
  const above = sorted.filter((x) => x > value).length;
  return Math.max(below, above) / sorted.length;
}
