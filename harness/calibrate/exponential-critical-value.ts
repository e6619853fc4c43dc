/** The significance levels Stephens tabulated for the exponential, and his critical points of the modified statistic. */
const STEPHENS_POINTS = { 0.15: 0.926, 0.1: 0.99, 0.05: 1.094, 0.025: 1.19, 0.01: 1.308 } as const;

export type ExponentialAlpha = keyof typeof STEPHENS_POINTS;

/**
 * The KS critical value for an exponential whose mean was estimated from the same n samples (the Lilliefors case).
 * The asymptotic value of ks.ts assumes a distribution given in advance; a fitted mean pulls the fit towards the
 * samples, so that value would pass exponential fits that are off (it is about 25% too large). The exponential is a
 * scale family, so the distance's distribution depends on n alone, and Stephens (1974, "EDF statistics for goodness
 * of fit", JASA 69) gives it in closed form: the fit is poor when (D - 0.2 / n)(sqrt(n) + 0.26 + 0.5 / sqrt(n))
 * exceeds the point for alpha, i.e. when D exceeds the value returned here. test/fit.test.ts checks it against a
 * seeded simulation of the same case.
 */
export function exponentialCriticalValue(n: number, alpha: ExponentialAlpha): number {
  const root = Math.sqrt(n);
  return STEPHENS_POINTS[alpha] / (root + 0.26 + 0.5 / root) + 0.2 / n;
}
