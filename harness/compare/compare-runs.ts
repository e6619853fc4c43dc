import jStat from 'jstat';
import {
  type ComparedRow,
  type ComparedSide,
  type Comparison,
  type FalsePositives,
  RISK_LEVELS,
  type RowTest,
  type ScenarioComparison,
  SIGNIFICANCE,
  type Verdict,
} from '../../results/comparison.ts';
import type { CompletedResult, ResultsFile, ScenarioResults } from '../../results/types.ts';
import { type MatchedPair, matchRows, scenarioOnlyIn } from './match-rows.ts';
import { rowTest } from './row-test.ts';
import { setupComparison } from './setup-differences.ts';

function relativeChange(before: number, after: number): number {
  return before === 0 ? 0 : after / before - 1;
}

function verdictOf(test: RowTest | undefined): Verdict {
  if (!test) return 'not testable';
  if (test.pValue >= SIGNIFICANCE) return 'no significant change';
  return test.t > 0 ? 'faster' : 'slower';
}

function side(result: CompletedResult): ComparedSide {
  return {
    throughputMean: result.throughput.mean,
    throughputStdev: result.throughput.stdev,
    iterations: result.iterations,
    p99Ms: result.latencyMs.p99,
  };
}

function comparedRow({ key, base, current }: MatchedPair): ComparedRow {
  const test = rowTest(
    { mean: base.throughput.mean, stdev: base.throughput.stdev, n: base.iterations },
    { mean: current.throughput.mean, stdev: current.throughput.stdev, n: current.iterations },
  );
  return {
    label: current.label,
    ...key,
    base: side(base),
    current: side(current),
    improvement: relativeChange(base.throughput.mean, current.throughput.mean),
    p99Change: relativeChange(base.latencyMs.p99, current.latencyMs.p99),
    test,
    verdict: verdictOf(test),
  };
}

function scenarioComparison(before: ScenarioResults | undefined, after: ScenarioResults): ScenarioComparison {
  if (!before) return { id: after.id, title: after.title, rows: [], notCompared: scenarioOnlyIn('new', after.results) };
  const match = matchRows(before.results, after.results);
  return { id: after.id, title: after.title, rows: match.pairs.map(comparedRow), notCompared: match.notCompared };
}

/** P(X >= k) for X ~ Binomial(n, p), summed from the point probabilities (jStat's cdf is rounded to 10 decimals). */
function upperTail(k: number, n: number, p: number): number {
  let tail = 0;
  for (let j = k; j <= n; j += 1) tail += jStat.binomial.pdf(j, n, p);
  return Math.min(1, tail);
}

/** compare.R's footer: n tested rows x each risk, beside how many rows reached it. */
function falsePositives(scenarios: readonly ScenarioComparison[]): FalsePositives {
  const rows = scenarios.flatMap((scenario) => scenario.rows);
  const tested = rows.flatMap((row) => (row.test ? [row.test] : []));
  return {
    comparisons: tested.length,
    untested: rows.length - tested.length,
    levels: RISK_LEVELS.map(({ risk, stars }) => {
      const observed = tested.filter((test) => test.pValue < risk).length;
      return { risk, stars, expected: tested.length * risk, observed, chance: upperTail(observed, tested.length, risk) };
    }),
  };
}

/**
 * Compares two runs: their set-up differences, every row matched on scenario, runner, limiter, layout, concurrency
 * and rate with Welch's test, stars and accuracy, the rows left out by reason, and the false positives to expect.
 */
export function compareRuns(base: ResultsFile, current: ResultsFile): Comparison {
  const scenarios = [
    ...current.scenarios.map((after) =>
      scenarioComparison(
        base.scenarios.find((s) => s.id === after.id),
        after,
      ),
    ),
    ...base.scenarios
      .filter((before) => !current.scenarios.some((s) => s.id === before.id))
      .map((before) => ({ id: before.id, title: before.title, rows: [], notCompared: scenarioOnlyIn('base', before.results) })),
  ];
  return { setup: setupComparison(base, current), scenarios, falsePositives: falsePositives(scenarios) };
}
