import { formatRate } from '../../common/format.ts';
import type { UslRecord, UslSkip } from '../../results/tune-types.ts';

/** A fitted coefficient: three significant digits, in exponent form when it is small (kappa often is). */
export function formatCoefficient(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 0.001 ? value.toPrecision(3) : value.toExponential(2);
}

/** sigma, kappa and lambda with their standard errors, and R^2. */
function uslFigures(fit: UslRecord): string {
  const pair = (value: number, error: number): string => `${formatCoefficient(value)} ± ${formatCoefficient(error)}`;
  return (
    `sigma ${pair(fit.sigma, fit.sigmaError)}, kappa ${pair(fit.kappa, fit.kappaError)}, ` +
    `lambda ${pair(fit.lambda, fit.lambdaError)} req/s, R² ${fit.r2.toFixed(3)} (${fit.levels} levels)`
  );
}

/** What the fit says about where throughput peaks and what limits it. */
export function uslVerdict(fit: UslRecord): string {
  if (fit.retrograde && fit.peakConcurrency !== undefined) {
    const limit = fit.limitedBy === 'contention' ? 'contention-limited (sigma > kappa)' : 'coherency-limited (kappa >= sigma)';
    return `peak at N* = ${fit.peakConcurrency} in flight (${formatRate(fit.peakThroughput ?? 0)}), throughput falls past it; ${limit}`;
  }
  if (fit.flatBecause === 'no-measured-fall' && fit.modelPeakConcurrency !== undefined) {
    const where =
      fit.modelPeakConcurrency >= fit.highestLevel
        ? `the model's peak at ${fit.modelPeakConcurrency} in flight lies beyond the ${fit.highestLevel} measured`
        : `no level measured past the model's peak at ${fit.modelPeakConcurrency} in flight lost throughput (a capacity limit, flat past its knee, fits a small kappa > 0 too)`;
    return `no retrograde region measured: ${where}; contention-limited`;
  }
  // A model peak far beyond every level measured is a kappa of next to nothing: the curve levels off within sight.
  if (fit.modelPeakConcurrency !== undefined && fit.modelPeakConcurrency <= 10 * fit.highestLevel)
    return (
      `no retrograde region (kappa's 95% interval reaches 0; the model alone would peak at ${fit.modelPeakConcurrency} in flight, ` +
      `${formatRate(fit.peakThroughput ?? 0)}); contention-limited`
    );
  const ceiling = fit.peakThroughput === undefined ? 'no limit within the levels measured' : `towards ${formatRate(fit.peakThroughput)}`;
  return `no retrograde region (kappa's 95% interval reaches 0): throughput levels off ${ceiling}; contention-limited`;
}

/** One line per runner: the fit and what it says, or why there is none. */
export function uslLine(entry: UslRecord | UslSkip): string {
  return 'reason' in entry
    ? `${entry.runner}: no USL fit (${entry.reason})`
    : `${entry.runner}: ${uslFigures(entry)}: ${uslVerdict(entry)}`;
}
