import type { SampleSummary } from './welch.ts';

/**
 * One completed result of a scenario as the verdict reads it. `runner` is the label rows are grouped by:
 * the runner id, or runner/limiter (e.g. 'promise-concurrent/p-limit') when a limiter is set.
 * `throughput` is either the per-iteration throughputs (requests/s) or their summary, whose `mean` must be
 * requests / mean wall (principle 12) and `stdev` the sample standard deviation of the per-iteration throughputs.
 */
export interface VerdictRow {
  readonly runner: string;
  readonly concurrency: number;
  readonly throughput: SampleSummary | readonly number[];
}

/** A row named in a verdict: its label, its level and its mean throughput (requests/s). */
export interface RowRef {
  readonly runner: string;
  readonly concurrency: number;
  readonly throughput: number;
}

/**
 * The top label's best row beats every other label's best row: Welch p < alpha and at least
 * minRelativeDifference faster. `pValue`, `relativeDifference` ((top - runnerUp) / runnerUp) and `effectSize`
 * (Hedges' g, top against runner-up) describe the comparison with the runner-up, the closest rival.
 */
interface WinnerVerdict extends RowRef {
  readonly kind: 'winner';
  readonly runnerUp: RowRef;
  readonly pValue: number;
  readonly relativeDifference: number;
  readonly effectSize: number;
}

/**
 * No label is distinguishable as the fastest. `runners` are the labels whose best rows cannot be told apart from
 * the top (p >= alpha, fewer than 2 iterations on a side, or less than minRelativeDifference slower), fastest
 * first and the top label first of all; `best` is the top row. `pValue` is the top against the fastest label
 * outside the tie, undefined when every label is in it.
 */
interface TieVerdict {
  readonly kind: 'tie';
  readonly runners: readonly string[];
  readonly best: RowRef;
  readonly pValue: number | undefined;
}

/**
 * The scenario ran one label only: there is nothing to win against. Its own kind rather than a 'winner' without a
 * rival or a 'tie' of one, so that a renderer cannot print "winner" (or "tie") for a one-runner run by accident.
 */
interface SingleVerdict extends RowRef {
  readonly kind: 'single';
}

export type Verdict = WinnerVerdict | TieVerdict | SingleVerdict;

/** The thresholds of a verdict; defaults in DEFAULT_VERDICT_OPTIONS. */
export interface VerdictOptions {
  /** Two-sided Welch p-value below which a difference is real. */
  readonly alpha: number;
  /** Relative difference (top - other) / other below which a real difference is still too small to name a winner. */
  readonly minRelativeDifference: number;
}

export const DEFAULT_VERDICT_OPTIONS: VerdictOptions = { alpha: 0.05, minRelativeDifference: 0.03 };
