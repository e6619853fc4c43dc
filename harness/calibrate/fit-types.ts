import type { ExponentialAlpha } from './exponential-critical-value.ts';

/** The latency families `calibrate` fits: the mock server's distributions that have a maximum-likelihood fit here. */
export type FittedFamily = 'fixed' | 'normal' | 'lognormal' | 'exponential' | 'pareto';

interface FitBase {
  /** Kolmogorov-Smirnov distance: the largest gap between the fitted CDF and the samples' empirical CDF. */
  readonly ksDistance: number;
  /** The KS distance above which this family's fit is poor at the fit's alpha (see ks.ts and exponential-critical-value.ts). */
  readonly criticalDistance: number;
}

/** Every sample the same latency: the maximum-likelihood point is the mean. */
export interface FixedFit extends FitBase {
  readonly family: 'fixed';
  readonly parameters: { readonly valueMs: number };
  readonly server: { readonly latencyDistribution: 'fixed'; readonly latencyMs: number };
}

/** Maximum likelihood: the sample mean and the standard deviation with n in the denominator. */
export interface NormalFit extends FitBase {
  readonly family: 'normal';
  readonly parameters: { readonly meanMs: number; readonly sdMs: number };
  readonly server: { readonly latencyDistribution: 'normal'; readonly latencyMs: number; readonly latencySpreadMs: number };
}

/** Maximum likelihood on ln(x): mu and sigma are the mean and standard deviation (n) of the logarithms. */
export interface LognormalFit extends FitBase {
  readonly family: 'lognormal';
  readonly parameters: { readonly mu: number; readonly sigma: number };
  /** The server's lognormal is given by the mean and standard deviation of the latency itself, not of its logarithm. */
  readonly server: { readonly latencyDistribution: 'lognormal'; readonly latencyMs: number; readonly latencySpreadMs: number };
}

/** Maximum likelihood: the mean is the sample mean. The server's exponential is given by that mean. */
export interface ExponentialFit extends FitBase {
  readonly family: 'exponential';
  readonly parameters: { readonly meanMs: number };
  readonly server: { readonly latencyDistribution: 'exponential'; readonly latencyMs: number };
}

/** Maximum likelihood: scale = the smallest sample, shape = n / sum(ln(x / scale)). */
export interface ParetoFit extends FitBase {
  readonly family: 'pareto';
  readonly parameters: { readonly scaleMs: number; readonly shape: number };
  /** The server's pareto is given by its mean and shape (scale = mean (shape - 1) / shape). */
  readonly server: { readonly latencyDistribution: 'pareto'; readonly latencyMs: number; readonly paretoShape: number };
  /** Present when the fitted shape is outside what the server accepts and `server` holds the nearest it can do. */
  readonly serverNote?: string;
}

export type FamilyFit = FixedFit | NormalFit | LognormalFit | ExponentialFit | ParetoFit;

/** A family that could not be fitted to these samples, and why. */
export interface SkippedFamily {
  readonly family: FittedFamily;
  readonly skipped: string;
}

export interface LatencyFit {
  readonly n: number;
  readonly meanMs: number;
  /** Sample standard deviation / mean (0 when there is no spread). */
  readonly coefficientOfVariation: number;
  /** Every family fitted, fixed first. */
  readonly fits: readonly FamilyFit[];
  readonly skipped: readonly SkippedFamily[];
  /** `fixed` when the coefficient of variation is below the tolerance, else the fit with the smallest KS distance. */
  readonly chosen: FamilyFit;
  /** The chosen fit's critical distance: above it the fit is poor (`poorFit`). */
  readonly criticalDistance: number;
  /** One line saying why the chosen fit is poor; absent when it is good. */
  readonly poorFit?: string;
}

/** Thresholds of the fit; defaults in DEFAULT_FIT_OPTIONS. */
export interface FitOptions {
  /** Coefficient of variation below which the latency counts as fixed. */
  readonly fixedTolerance: number;
  /** Significance level of the KS critical values: one of those the exponential's table has. */
  readonly alpha: ExponentialAlpha;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { fixedTolerance: 0.02, alpha: 0.01 };
