import { formatRate } from '../../common/format.ts';
import type { BestLevel, CompletedResult, RunnerResult, ThresholdReport } from '../../results/types.ts';
import { modelName } from '../../results/model-name.ts';
import { NEAR_BEST, smallestNearBest, STILL_GAINING } from '../../results/level-rules.ts';

/** Whether the result passed every threshold checked against it (none checked: it passes). */
function meetsThresholds(result: CompletedResult, thresholds: readonly ThresholdReport[]): boolean {
  return thresholds.every((report) =>
    report.results.every(
      (check) =>
        check.runner !== result.runner || check.limiter !== result.limiter || check.concurrency !== result.concurrency || check.pass,
    ),
  );
}

function expressions(thresholds: readonly ThresholdReport[]): string {
  return thresholds.map((report) => report.expression).join(', ');
}

/**
 * One model's limit by the rule bench and tune share: among the levels that meet every threshold, the smallest within
 * NEAR_BEST of the best goodput. It is bracketed when a lower and a higher level were measured around it, and a
 * higher level is worth trying when the two highest levels differ by STILL_GAINING or more.
 */
export function bestLevelOf(label: string, rows: readonly CompletedResult[], thresholds: readonly ThresholdReport[]): BestLevel {
  const levels = [...rows].sort((a, b) => a.concurrency - b.concurrency);
  const meeting = levels.filter((row) => meetsThresholds(row, thresholds));
  if (meeting.length === 0) {
    const lowest = levels.reduce((a, b) => (b.latencyMs.p99 < a.latencyMs.p99 ? b : a));
    return {
      kind: 'none',
      runner: label,
      reason: `no level met ${expressions(thresholds)} (the lowest p99 was ${lowest.latencyMs.p99.toFixed(1)} ms, at ${lowest.concurrency} in flight)`,
    };
  }
  const best = meeting.reduce((a, b) => (b.throughput.mean > a.throughput.mean ? b : a));
  const chosen =
    smallestNearBest(
      meeting,
      (row) => row.throughput.mean,
      (a, b) => a.concurrency - b.concurrency,
    ) ?? best;
  // A higher level is worth trying only while the highest ones still meet the thresholds and still gain.
  const [highest, second] = [...levels].reverse();
  const tryHigher =
    highest !== undefined &&
    second !== undefined &&
    meeting.includes(highest) &&
    highest.throughput.mean >= (1 + STILL_GAINING) * second.throughput.mean;
  const rule =
    `the smallest level within ${Math.round(NEAR_BEST * 100)}% of the best goodput (${formatRate(best.throughput.mean)} at ${best.concurrency} in flight)` +
    (thresholds.length === 0 ? '' : ` that meets ${expressions(thresholds)}`);
  return {
    kind: 'found',
    runner: label,
    concurrency: chosen.concurrency,
    goodput: chosen.throughput.mean,
    p99Ms: chosen.latencyMs.p99,
    rule,
    bracketed: levels.some((row) => row.concurrency < chosen.concurrency) && levels.some((row) => row.concurrency > chosen.concurrency),
    tryHigher,
  };
}

/**
 * Each model's limit in a scenario, in the order the models ran: closed-loop levels only (an open-loop level runs
 * at a rate, not a limit), and only models whose level sets their requests in flight (`varies`).
 */
export function bestLevels(
  results: readonly RunnerResult[],
  thresholds: readonly ThresholdReport[],
  varies: (runner: string) => boolean,
): BestLevel[] {
  const byModel = new Map<string, CompletedResult[]>();
  for (const result of results) {
    if (result.state !== 'completed' || result.arrival !== undefined || !varies(result.runner)) continue;
    const label = modelName(result);
    byModel.set(label, [...(byModel.get(label) ?? []), result]);
  }
  return [...byModel].map(([label, rows]) => bestLevelOf(label, rows, thresholds));
}
