import jStat from 'jstat';
import type { Verdict } from './verdict-types.ts';

/** One scenario as one run measured it: its verdict (none when no row completed) and each row's mean throughput (requests/s). */
export interface ScenarioRun {
  readonly verdict: Verdict | undefined;
  readonly rows: readonly { readonly runner: string; readonly concurrency: number; readonly throughput: number }[];
}

/** One row (label x concurrency) across the runs that measured it. */
interface RowRepeatability {
  readonly runner: string;
  readonly concurrency: number;
  /** How many runs measured the row. */
  readonly runs: number;
  readonly meanThroughput: number;
  /** Sample standard deviation (n - 1) / mean of the row's throughput across runs; undefined with fewer than 2 runs. */
  readonly coefficientOfVariation: number | undefined;
}

export interface ScenarioRepeatability {
  /** Runs that measured the scenario, and how many there were in all: fewer means it is missing from some. */
  readonly runs: number;
  readonly ofRuns: number;
  /**
   * True when one label is at the top in every run: the winner of every run that has a winner (or a single
   * label), and a member of every run's tie. Equal winners agree, a tie agrees with a winner it contains, ties
   * agree when they share a label.
   */
  readonly agree: boolean;
  /** The labels every run puts at the top or ties with it (what `agree` rests on), in the first run's order. */
  readonly commonTop: readonly string[];
  /** Rows in the order first seen. */
  readonly rows: readonly RowRepeatability[];
}

/** The labels a verdict puts at the top: the winner (or single label), or every label of the tie; none without a verdict. */
function topLabels(verdict: Verdict | undefined): readonly string[] {
  if (verdict === undefined) return [];
  return verdict.kind === 'tie' ? verdict.runners : [verdict.runner];
}

function rowRepeatability(runner: string, concurrency: number, throughputs: readonly number[]): RowRepeatability {
  const meanThroughput = jStat.mean(throughputs);
  const coefficientOfVariation = throughputs.length < 2 ? undefined : jStat.stdev(throughputs, true) / meanThroughput;
  return { runner, concurrency, runs: throughputs.length, meanThroughput, coefficientOfVariation };
}

/**
 * Whether several runs of one scenario tell the same story. Agreement asks for a label common to all runs' tops,
 * not only pairwise overlap: ties {A, B}, {B, C}, {C, A} overlap pairwise yet name no common fastest label. A run
 * without a verdict, or a scenario missing from some of the `ofRuns` runs, does not agree. With one run, it agrees
 * with itself.
 */
export function scenarioRepeatability(runs: readonly ScenarioRun[], ofRuns = runs.length): ScenarioRepeatability {
  const [first, ...rest] = runs;
  const commonTop =
    first === undefined ? [] : topLabels(first.verdict).filter((label) => rest.every((run) => topLabels(run.verdict).includes(label)));
  const throughputs = new Map<string, { runner: string; concurrency: number; values: number[] }>();
  for (const run of runs) {
    for (const row of run.rows) {
      const key = JSON.stringify([row.runner, row.concurrency]);
      const entry = throughputs.get(key) ?? { runner: row.runner, concurrency: row.concurrency, values: [] };
      entry.values.push(row.throughput);
      throughputs.set(key, entry);
    }
  }
  return {
    runs: runs.length,
    ofRuns,
    agree: commonTop.length > 0 && runs.length === ofRuns,
    commonTop,
    rows: [...throughputs.values()].map((entry) => rowRepeatability(entry.runner, entry.concurrency, entry.values)),
  };
}

/**
 * Repeatability of every scenario across runs; each run maps scenario id -> what it measured. A scenario missing
 * from some runs does not agree, and its rows are measured in fewer runs than there were.
 */
export function repeatability(runs: readonly ReadonlyMap<string, ScenarioRun>[]): ReadonlyMap<string, ScenarioRepeatability> {
  const byScenario = new Map<string, ScenarioRun[]>();
  for (const run of runs) {
    for (const [scenario, measured] of run) {
      const list = byScenario.get(scenario) ?? [];
      list.push(measured);
      byScenario.set(scenario, list);
    }
  }
  return new Map([...byScenario].map(([scenario, scenarioRuns]) => [scenario, scenarioRepeatability(scenarioRuns, runs.length)]));
}
