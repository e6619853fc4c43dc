import type { LimiterId } from '../runners/limiters/types.ts';
import type { RunnerId } from '../runners/types.ts';

/**
 * What `npm run compare` found between two results files (harness/compare computes it; reports/compare renders
 * it and reads nothing else). Relative figures are fractions: 0.25 is 25%.
 */
export interface Comparison {
  readonly setup: SetupComparison;
  /** In the new run's scenario order, then the scenarios only the base run has. */
  readonly scenarios: readonly ScenarioComparison[];
  readonly falsePositives: FalsePositives;
}

/** The risk levels of Node core's benchmark/compare.R, each with the stars a p-value below it earns. */
export const RISK_LEVELS = [
  { risk: 0.05, stars: '*' },
  { risk: 0.01, stars: '**' },
  { risk: 0.001, stars: '***' },
] as const;

export type RiskLevel = (typeof RISK_LEVELS)[number]['risk'];
export type Stars = '' | (typeof RISK_LEVELS)[number]['stars'];

/** The level at which `faster` and `slower` are said (one star). */
export const SIGNIFICANCE: RiskLevel = 0.05;

/** Where a set-up setting lives: the run, the machine, the tool, every compared scenario, or one scenario (its id). */
export type SetupScope = 'run' | 'machine' | 'tool' | 'every scenario' | { readonly scenario: string };

/** One setting that differs between the runs, its values as text (`unset` when a side has none). */
export interface SetupDifference {
  /** The results.json name of the setting: `client.kind`, `seed`, `cpuModel`, `server.latencyMs`. */
  readonly setting: string;
  readonly scope: SetupScope;
  readonly base: string;
  readonly current: string;
}

export interface SetupComparison {
  /** Client settings first, then run, workload, machine and tool; empty when the set-ups are the same. */
  readonly differences: readonly SetupDifference[];
  /** The runs that were interrupted: they hold only what was measured before the stop. */
  readonly incomplete: readonly ('base' | 'new')[];
}

export type Verdict = 'faster' | 'slower' | 'no significant change' | 'not testable';

/** What a matched row's one side measured. */
export interface ComparedSide {
  readonly throughputMean: number;
  /** Sample standard deviation of the per-iteration throughputs. */
  readonly throughputStdev: number;
  readonly iterations: number;
  readonly p99Ms: number;
}

/** The smallest relative change the data could tell from noise at `risk`: the interval's half-width over the base mean. */
interface Accuracy {
  readonly risk: RiskLevel;
  readonly halfWidth: number;
}

/** Welch's t-test on the per-iteration throughputs of both sides, as compare.R reports it. */
export interface RowTest {
  readonly t: number;
  readonly df: number;
  /** Two-sided. */
  readonly pValue: number;
  readonly stars: Stars;
  /** One per RISK_LEVELS entry, in that order. */
  readonly accuracy: readonly Accuracy[];
}

/** A result of the new run and its base on the same runner, limiter, layout, concurrency and arrival rate. */
export interface ComparedRow {
  /** The new run's label: `promise-concurrent/p-limit 1x50`, `worker-threads 2x15 @ 500/s`. */
  readonly label: string;
  readonly runner: RunnerId;
  readonly limiter: LimiterId;
  /** Workers x lanes (`2x15`); absent when the shape names none. */
  readonly layout: string | undefined;
  readonly concurrency: number;
  /** The offered arrival rate of an open-loop row (requests/s); absent for a closed-loop batch. */
  readonly rate: number | undefined;
  readonly base: ComparedSide;
  readonly current: ComparedSide;
  /** (new mean - base mean) / base mean of the throughput. */
  readonly improvement: number;
  /** Relative change of p99 latency (positive is slower); one value per run, so no test. */
  readonly p99Change: number;
  /** Absent when a side has fewer than 2 iterations: nothing to test. */
  readonly test: RowTest | undefined;
  readonly verdict: Verdict;
}

/** Why a row was left out, in the order the groups are listed. */
export const NOT_COMPARED_REASONS = [
  'only in base',
  'only in new',
  'failed in base',
  'failed in new',
  'failed in both',
  'layout differs',
  'repeated in one run',
  'scenario only in base',
  'scenario only in new',
] as const;

export type NotComparedReason = (typeof NOT_COMPARED_REASONS)[number];

/** Rows left out for one reason: how many, and their labels (`worker-threads 2x15 vs 3x10` for a layout change). */
export interface NotComparedGroup {
  readonly reason: NotComparedReason;
  readonly rows: readonly string[];
}

export interface ScenarioComparison {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly ComparedRow[];
  /** Grouped by reason, in NOT_COMPARED_REASONS order; empty when every row was compared. */
  readonly notCompared: readonly NotComparedGroup[];
}

/** compare.R's footer: with many comparisons some stars are luck; n x risk of them are expected at each level. */
export interface FalsePositives {
  /** Rows tested (both sides with >= 2 iterations). */
  readonly comparisons: number;
  /** Rows matched but not tested: fewer than 2 iterations on a side. */
  readonly untested: number;
  readonly levels: readonly {
    readonly risk: RiskLevel;
    readonly stars: Stars;
    /** comparisons x risk. */
    readonly expected: number;
    /** Rows whose p-value is below the risk (those with at least these stars). */
    readonly observed: number;
    /**
     * The chance of `observed` or more if nothing changed at all (binomial, comparisons x risk): a tiny one says the
     * code changed many rows, or the machine moved between the runs.
     */
    readonly chance: number;
  }[];
}
