import { formatMs } from '../../common/format.ts';
import type { CompletedResult, ResultsFile, RunnerResult, ScenarioResults } from '../../results/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import { welchTTest, type WelchResult } from '../../harness/statistics/welch.ts';

export const SIGNIFICANCE = 0.05;

export type Verdict = 'faster' | 'slower' | 'no significant change' | 'not testable';

export interface ComparisonRow {
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly runner: RunnerId;
  readonly concurrency: number;
  readonly shape: string;
  readonly base: CompletedResult;
  readonly current: CompletedResult;
  /** Relative change of mean throughput: +0.25 is 25% more requests/s. */
  readonly throughputChange: number;
  /** Relative change of p99 latency: positive is slower. */
  readonly p99Change: number;
  readonly test: WelchResult | undefined;
  readonly verdict: Verdict;
}

/** A result on one side with no completed counterpart on the other. */
export interface UnmatchedResult {
  readonly scenarioId: string;
  readonly shape: string;
  readonly reason: string;
}

export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  readonly unmatched: readonly UnmatchedResult[];
  /** Differences in environment or workload that make the comparison less meaningful. */
  readonly caveats: readonly string[];
}

function key(scenarioId: string, result: RunnerResult): string {
  return JSON.stringify([scenarioId, result.runner, result.concurrency]);
}

function verdictOf(test: WelchResult | undefined): Verdict {
  if (!test) return 'not testable';
  if (test.pValue >= SIGNIFICANCE) return 'no significant change';
  return test.t > 0 ? 'faster' : 'slower';
}

function relativeChange(before: number, after: number): number {
  return before === 0 ? 0 : after / before - 1;
}

function environmentCaveats(base: ResultsFile, current: ResultsFile): string[] {
  const pairs: [string, string, string][] = [
    ['Node', base.environment.node, current.environment.node],
    ['CPU', base.environment.cpuModel, current.environment.cpuModel],
    ['cores', String(base.environment.cores), String(current.environment.cores)],
    ['OS', `${base.environment.platform} ${base.environment.release}`, `${current.environment.platform} ${current.environment.release}`],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([what, a, b]) => `${what} differs: ${a} (base) vs ${b} (new)`);
}

function workloadCaveat(before: ScenarioResults, after: ScenarioResults): string[] {
  const describe = (s: ScenarioResults): string =>
    `${s.workload.requests} requests at ${formatMs(s.workload.meanLatencyMs)}, work ${s.workload.cpuWork.kind}`;
  return describe(before) === describe(after)
    ? []
    : [`${after.id}: workload differs: ${describe(before)} (base) vs ${describe(after)} (new)`];
}

/** Matches results on scenario id + runner + concurrency and tests each pair's throughput with Welch's t-test. */
export function compareResults(base: ResultsFile, current: ResultsFile): Comparison {
  const rows: ComparisonRow[] = [];
  const unmatched: UnmatchedResult[] = [];
  const caveats = environmentCaveats(base, current);
  const baseResults = new Map<string, RunnerResult>();
  for (const scenario of base.scenarios) for (const result of scenario.results) baseResults.set(key(scenario.id, result), result);
  const seen = new Set<string>();
  for (const scenario of current.scenarios) {
    const baseScenario = base.scenarios.find((s) => s.id === scenario.id);
    if (baseScenario) caveats.push(...workloadCaveat(baseScenario, scenario));
    for (const result of scenario.results) {
      const id = key(scenario.id, result);
      seen.add(id);
      const before = baseResults.get(id);
      if (!before) {
        unmatched.push({ scenarioId: scenario.id, shape: result.shape, reason: 'only in new' });
      } else if (before.state === 'failed' || result.state === 'failed') {
        unmatched.push({
          scenarioId: scenario.id,
          shape: result.shape,
          reason: `failed in ${before.state === 'failed' ? (result.state === 'failed' ? 'both' : 'base') : 'new'}`,
        });
      } else {
        const test = welchTTest(
          { mean: before.throughput.mean, stdev: before.throughput.stdev, n: before.iterations },
          { mean: result.throughput.mean, stdev: result.throughput.stdev, n: result.iterations },
        );
        rows.push({
          scenarioId: scenario.id,
          scenarioTitle: scenario.title,
          runner: result.runner,
          concurrency: result.concurrency,
          shape: result.shape,
          base: before,
          current: result,
          throughputChange: relativeChange(before.throughput.mean, result.throughput.mean),
          p99Change: relativeChange(before.latencyMs.p99, result.latencyMs.p99),
          test,
          verdict: verdictOf(test),
        });
      }
    }
  }
  for (const scenario of base.scenarios) {
    for (const result of scenario.results) {
      if (!seen.has(key(scenario.id, result))) unmatched.push({ scenarioId: scenario.id, shape: result.shape, reason: 'only in base' });
    }
  }
  return { rows, unmatched, caveats };
}

/** Significant slowdowns of more than `percent` % throughput: what `--fail-on-regression` fails on. */
export function regressions(comparison: Comparison, percent: number): ComparisonRow[] {
  return comparison.rows.filter((row) => row.verdict === 'slower' && -row.throughputChange * 100 > percent);
}
