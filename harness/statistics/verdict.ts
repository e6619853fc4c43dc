import { throughputFromRates } from './throughput.ts';
import { DEFAULT_VERDICT_OPTIONS, type RowRef, type Verdict, type VerdictOptions, type VerdictRow } from './verdict-types.ts';
import { effectSize, welchTTest, type SampleSummary } from './welch.ts';

interface Contender {
  readonly row: RowRef;
  readonly summary: SampleSummary;
}

function summaryOf(throughput: VerdictRow['throughput']): SampleSummary {
  if ('n' in throughput) return throughput;
  const stats = throughputFromRates(throughput);
  return { mean: stats.mean, stdev: stats.stdev, n: stats.n };
}

/** Each label's best row (highest mean throughput; the first listed on equal means), fastest label first. */
function bestPerLabel(rows: readonly VerdictRow[]): Contender[] {
  const best = new Map<string, Contender>();
  for (const row of rows) {
    const summary = summaryOf(row.throughput);
    const current = best.get(row.runner);
    if (current === undefined || summary.mean > current.summary.mean) {
      best.set(row.runner, { row: { runner: row.runner, concurrency: row.concurrency, throughput: summary.mean }, summary });
    }
  }
  return [...best.values()].sort((a, b) => b.summary.mean - a.summary.mean);
}

/** The top against one rival; only a distinguishable comparison has what a winner reports. */
type Comparison =
  | {
      readonly distinguishable: true;
      readonly rival: Contender;
      readonly pValue: number;
      readonly relativeDifference: number;
      readonly hedgesG: number;
    }
  | {
      readonly distinguishable: false;
      readonly rival: Contender;
      /** Undefined when a side has fewer than 2 iterations: then the two cannot be told apart. */
      readonly pValue: number | undefined;
      readonly relativeDifference: number;
    };

function compare(top: Contender, rival: Contender, options: VerdictOptions): Comparison {
  const test = welchTTest(rival.summary, top.summary);
  const effect = effectSize(rival.summary, top.summary);
  const relativeDifference = (top.summary.mean - rival.summary.mean) / rival.summary.mean;
  if (test !== undefined && effect !== undefined && test.pValue < options.alpha && relativeDifference >= options.minRelativeDifference) {
    return { distinguishable: true, rival, pValue: test.pValue, relativeDifference, hedgesG: effect.hedgesG };
  }
  return { distinguishable: false, rival, pValue: test?.pValue, relativeDifference };
}

/**
 * The verdict of a scenario from its completed results; undefined when there are none.
 * Rows are grouped by label and each label is represented by its best row; the top label wins only when its best
 * row is distinguishable (p < alpha and >= minRelativeDifference faster) from the best row of EVERY other label.
 * For the runner-up this is the rule as stated; requiring it of the slower labels too matters only when one of
 * them is so noisy that it cannot be told apart from the top although the runner-up can: then it is a tie between
 * the top and that label.
 */
export function verdictOf(rows: readonly VerdictRow[], options: VerdictOptions = DEFAULT_VERDICT_OPTIONS): Verdict | undefined {
  const [top, ...rivals] = bestPerLabel(rows);
  if (top === undefined) return undefined;
  const [runnerUp] = rivals;
  if (runnerUp === undefined) return { kind: 'single', ...top.row };
  const closest = compare(top, runnerUp, options);
  const comparisons = [closest, ...rivals.slice(1).map((rival) => compare(top, rival, options))];
  const tied = comparisons.filter((comparison) => !comparison.distinguishable);
  if (closest.distinguishable && tied.length === 0) {
    return {
      kind: 'winner',
      ...top.row,
      runnerUp: runnerUp.row,
      pValue: closest.pValue,
      relativeDifference: closest.relativeDifference,
      effectSize: closest.hedgesG,
    };
  }
  const closestOutside = comparisons.find((comparison) => comparison.distinguishable);
  return {
    kind: 'tie',
    runners: [top.row.runner, ...tied.map((comparison) => comparison.rival.row.runner)],
    best: top.row,
    pValue: closestOutside?.pValue,
  };
}
