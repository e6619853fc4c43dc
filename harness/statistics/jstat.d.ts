// jstat ships no types: this declares the functions the statistics, calibration and comparison code use.
declare module 'jstat' {
  interface JStat {
    /** Arithmetic mean. */
    mean(values: readonly number[]): number;
    /** Median (does not reorder its argument). */
    median(values: readonly number[]): number;
    /** The k-th quantile (0..1), interpolated between order statistics (does not reorder its argument). */
    percentile(values: readonly number[], k: number): number;
    /** Standard deviation; `sample` true divides by n - 1, false (default) by n. */
    stdev(values: readonly number[], sample?: boolean): number;
    readonly studentt: {
      /** P(T <= x) for Student's t with `dof` degrees of freedom. */
      cdf(x: number, dof: number): number;
      /** The quantile: the x with P(T <= x) = p. */
      inv(p: number, dof: number): number;
    };
    readonly binomial: {
      /** P(X <= k) for X ~ Binomial(n, p), rounded to 10 decimals. */
      cdf(k: number, n: number, p: number): number;
      /** P(X = k) for X ~ Binomial(n, p). */
      pdf(k: number, n: number, p: number): number;
    };
    readonly normal: {
      cdf(x: number, mean: number, std: number): number;
    };
    readonly lognormal: {
      /** mu and sigma are the mean and standard deviation of ln(X). */
      cdf(x: number, mu: number, sigma: number): number;
    };
    readonly pareto: {
      /** Pareto type I: 0 below `scale`, 1 - (scale / x)^shape above. */
      cdf(x: number, scale: number, shape: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
