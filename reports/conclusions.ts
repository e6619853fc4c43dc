import type { CompletedResult, ScenarioResults } from '../results/types.ts';
import type { RunnerId } from '../runners/types.ts';
import { formatMs, formatPercent, formatRate, formatTimes } from '../common/format.ts';
import { completed, sequentialBaseline } from './results-table.ts';
import { verdictSentence } from './verdict-text.ts';

/** Within this ratio of each other, two models count as the same ("added nothing"). */
const SAME_BAND = 0.1;
const LOW_EFFICIENCY = 0.5;
const POOLS: readonly RunnerId[] = ['worker-threads', 'child-process'];

function fastest(results: readonly CompletedResult[]): CompletedResult | undefined {
  return results.reduce<CompletedResult | undefined>(
    (best, r) => (!best || r.throughput.mean > best.throughput.mean ? r : best),
    undefined,
  );
}

function bestOf(results: readonly CompletedResult[], runner: RunnerId): CompletedResult | undefined {
  return fastest(results.filter((result) => result.runner === runner));
}

function headline(scenario: ScenarioResults, results: readonly CompletedResult[], baseline: CompletedResult | undefined): string[] {
  const best = fastest(results);
  if (!best) return [];
  const lines: string[] = [];
  const versus =
    baseline && best !== baseline
      ? `, ${formatTimes(best.throughput.mean / baseline.throughput.mean)} the throughput of sequential (${formatMs(baseline.wallMs.mean)} for ${baseline.requests.toLocaleString('en-US')} requests against ${formatMs(best.wallMs.mean)} for ${best.requests.toLocaleString('en-US')})`
      : '';
  lines.push(`${verdictSentence(scenario, best)} ${best.shape} reached ${formatRate(best.throughput.mean)}${versus}.`);
  if (baseline) {
    const perModel = (['promise-concurrent', ...POOLS] as const)
      .map((runner) => bestOf(results, runner))
      .filter((result): result is CompletedResult => result !== undefined)
      .map((result) => `${result.runner} ${formatTimes(result.throughput.mean / baseline.throughput.mean)}`);
    if (perModel.length > 1) lines.push(`Best of each model against sequential: ${perModel.join(', ')}.`);
  }
  return lines;
}

/** Below this busy fraction the main loop had time to spare: more threads of execution cannot help it. */
const IDLE_LOOP = 0.7;

function loopIdleWord(result: CompletedResult): string {
  return result.eventLoop.main < IDLE_LOOP ? 'only ' : '';
}

function poolsAgainstOneLoop(scenario: ScenarioResults, results: readonly CompletedResult[]): string[] {
  const oneLoop = bestOf(results, 'promise-concurrent');
  if (!oneLoop) return [];
  const loopBusy = `the single event loop was busy ${loopIdleWord(oneLoop)}${formatPercent(oneLoop.eventLoop.main)} of the time`;
  const loopIdle = oneLoop.eventLoop.main < IDLE_LOOP;
  return POOLS.flatMap((runner) => {
    const pool = bestOf(results, runner);
    if (!pool) return [];
    const ratio = pool.throughput.mean / oneLoop.throughput.mean;
    const figures = `(${formatRate(pool.throughput.mean)} vs ${formatRate(oneLoop.throughput.mean)} at best)`;
    if (ratio >= 1 + SAME_BAND) {
      const why =
        scenario.workload.cpuWork.kind !== 'none'
          ? ': the CPU work per response runs in parallel off the main loop'
          : loopIdle
            ? ''
            : `: ${loopBusy}`;
      return [`${runner} was ${formatTimes(ratio)} faster than promise-concurrent ${figures}${why}.`];
    }
    const why = loopIdle ? `: ${loopBusy}, so more threads had nothing to take over` : '';
    if (ratio > 1 - SAME_BAND) return [`${runner} added nothing over promise-concurrent ${figures}${why}.`];
    return [
      `${runner} added nothing over promise-concurrent and was ${formatTimes(1 / ratio)} slower ${figures}${why}; its pool costs messages and memory.`,
    ];
  });
}

function limitAdvice(results: readonly CompletedResult[]): string[] {
  const stillGaining: RunnerId[] = [];
  const peaks: string[] = [];
  let highestTried = 0;
  for (const runner of ['promise-concurrent', ...POOLS] as const) {
    const levels = results.filter((result) => result.runner === runner).sort((a, b) => a.concurrency - b.concurrency);
    const best = fastest(levels);
    const highest = levels[levels.length - 1];
    if (levels.length < 2 || !best || !highest) continue;
    if (best === highest) {
      stillGaining.push(runner);
      highestTried = Math.max(highestTried, highest.concurrency);
    } else {
      peaks.push(
        `${runner} peaked at ${best.concurrency} in flight (${highest.concurrency} gave ${formatRate(highest.throughput.mean)} against ${formatRate(best.throughput.mean)}).`,
      );
    }
  }
  const gaining =
    stillGaining.length > 0
      ? [`${listed(stillGaining)} still gained at the highest limit tried (${highestTried} in flight): try higher with --concurrency.`]
      : [];
  return [...peaks, ...gaining];
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function warnings(scenario: ScenarioResults, results: readonly CompletedResult[]): string[] {
  const lines: string[] = [];
  // Against a --target there is no ideal, so no efficiency to judge.
  const rated = results.flatMap((r) => (r.efficiency === undefined ? [] : [{ result: r, efficiency: r.efficiency }]));
  const worst = rated.reduce<(typeof rated)[number] | undefined>((low, r) => (!low || r.efficiency < low.efficiency ? r : low), undefined);
  if (worst && worst.efficiency < LOW_EFFICIENCY) {
    lines.push(
      `Efficiency fell to ${formatPercent(worst.efficiency)} for ${worst.result.shape}: it took ${formatTimes(1 / Math.max(worst.efficiency, 1e-9))} the ideal time (bound by ${worst.result.idealLimitedBy ?? 'unknown'}).`,
    );
  }
  const saturated = results.filter((result) => result.clientSaturated !== undefined);
  if (saturated.length > 0) {
    const which = saturated.map((result) => `${result.shape} (${result.clientSaturated})`).join('; ');
    lines.push(`Client saturated: ${which}. Those figures measure this machine's client, not the concurrency model.`);
  }
  for (const result of results.filter((r) => r.errors.total > 0)) {
    const kinds = Object.entries(result.errors.byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    lines.push(`${result.shape} had ${result.errors.total} failed requests${kinds ? ` (${kinds})` : ''}.`);
  }
  for (const result of scenario.results) {
    if (result.state === 'failed') lines.push(`${result.shape} failed (${result.error.code}): ${result.error.message}`);
  }
  return lines;
}

/** A short conclusion per scenario, written from the numbers; every renderer shows the same sentences. */
export function scenarioConclusions(scenario: ScenarioResults): string[] {
  const results = completed(scenario.results);
  if (results.length === 0) return ['No runner completed, so there is nothing to compare.', ...warnings(scenario, results)];
  return [
    ...headline(scenario, results, sequentialBaseline(scenario)),
    ...poolsAgainstOneLoop(scenario, results),
    ...limitAdvice(results),
    ...warnings(scenario, results),
  ];
}
