import { formatMs, formatPercent, formatRate, formatTimes } from '../common/format.ts';
import type { CompletedResult, ResultsFile, RunnerFacts, ScenarioResults } from '../results/types.ts';
import { limitLines, listed } from './limit-lines.ts';
import { completed, type ModelLimit, modelLimits, verdictRow } from './model-limits.ts';
import { baselineRow, factsOf, isOneLoop, isPool, poolSpread, workersNoun } from './runner-facts.ts';
import { efficiencyText } from './efficiency-text.ts';
import { verdictSentence } from './verdict-text.ts';

/** Within this ratio of each other, two models count as the same ("added nothing"). */
const SAME_BAND = 0.1;
const LOW_EFFICIENCY = 0.5;
/** Below this busy fraction the main loop had time to spare: more workers cannot help it. */
const IDLE_LOOP = 0.7;

/** Each model at its limit (the harness's rule), with its facts. */
interface AtLimit {
  readonly label: string;
  readonly facts: RunnerFacts;
  readonly row: CompletedResult;
}

function atLimits(limits: readonly ModelLimit[], runners: readonly RunnerFacts[]): AtLimit[] {
  return limits.flatMap((limit) => (limit.row ? [{ label: limit.label, facts: factsOf(runners, limit.runner), row: limit.row }] : []));
}

function headline(scenario: ScenarioResults, models: readonly AtLimit[], baseline: CompletedResult | undefined): string[] {
  const best = verdictRow(scenario);
  if (!best) return [verdictSentence(scenario)];
  const versus =
    baseline && best !== baseline && baseline.throughput.mean > 0
      ? `, ${formatTimes(best.throughput.mean / baseline.throughput.mean)} the goodput of ${baseline.runner} (${formatMs(baseline.wallMs.mean)} for ${baseline.requests.toLocaleString('en-US')} requests against ${formatMs(best.wallMs.mean)} for ${best.requests.toLocaleString('en-US')})`
      : '';
  const lines = [`${verdictSentence(scenario)} ${best.label} answered ${formatRate(best.throughput.mean)}${versus}.`];
  if (baseline && baseline.throughput.mean > 0) {
    const others = models
      .filter((model) => model.row !== baseline)
      .map((model) => `${model.label} ${formatTimes(model.row.throughput.mean / baseline.throughput.mean)}`);
    if (others.length > 1) lines.push(`Each model at its limit against ${baseline.runner}: ${others.join(', ')}.`);
  }
  return lines;
}

/** The strongest one-loop model of the pool's language: what a pool must beat to be worth its workers. */
function oneLoopRival(pool: AtLimit, models: readonly AtLimit[]): AtLimit | undefined {
  return models
    .filter((model) => isOneLoop(model.facts) && model.facts.language === pool.facts.language)
    .reduce<AtLimit | undefined>(
      (best, model) => (!best || model.row.throughput.mean > best.row.throughput.mean ? model : best),
      undefined,
    );
}

function poolsAgainstOneLoop(scenario: ScenarioResults, models: readonly AtLimit[]): string[] {
  return models
    .filter((model) => isPool(model.facts))
    .flatMap((pool) => {
      const loop = oneLoopRival(pool, models);
      if (!loop || loop.row.throughput.mean <= 0) return [];
      // A host that does not measure its loop (Python) gives no reason from it.
      const busy = loop.row.eventLoop.main;
      const loopIdle = busy !== undefined && busy < IDLE_LOOP;
      const loopBusy = `the single event loop was busy ${loopIdle ? 'only ' : ''}${formatPercent(busy ?? 0)} of the time`;
      const lock = pool.facts.interpreterLock;
      const ratio = pool.row.throughput.mean / loop.row.throughput.mean;
      const name = `${pool.label} (${poolSpread(pool.facts, pool.row)})`;
      const figures = `(${formatRate(pool.row.throughput.mean)} vs ${formatRate(loop.row.throughput.mean)} at their limits)`;
      if (ratio >= 1 + SAME_BAND) {
        const why =
          scenario.workload.cpuWork.kind !== 'none' && lock === undefined
            ? ': the CPU work per response runs in parallel off the main loop'
            : loopIdle || busy === undefined
              ? ''
              : `: ${loopBusy}`;
        return [`${name} was ${formatTimes(ratio)} faster than ${loop.label} ${figures}${why}.`];
      }
      const why =
        lock !== undefined && scenario.workload.cpuWork.kind !== 'none'
          ? `: ${lock}, so its ${workersNoun(pool.facts)} cannot run the work at once`
          : loopIdle
            ? `: ${loopBusy}, so more ${workersNoun(pool.facts)} had nothing to take over`
            : '';
      if (ratio > 1 - SAME_BAND) return [`${name} added nothing over ${loop.label} ${figures}${why}.`];
      return [
        `${name} added nothing over ${loop.label} and was ${formatTimes(1 / ratio)} slower ${figures}${why}; its ${workersNoun(pool.facts)} cost ${lock === undefined ? 'messages and memory' : 'memory and turns at the lock'}.`,
      ];
    });
}

function sameLanguage(models: readonly AtLimit[], of: AtLimit, pick: (facts: RunnerFacts) => boolean): AtLimit | undefined {
  return models.find((model) => model.facts.language === of.facts.language && pick(model.facts));
}

/**
 * The articles' claims checked in words from the figures. With CPU work per response: threads held by an
 * interpreter lock stay near one core and gain over their language's sequential model only by overlapping the
 * waits, while that language's processes use the cores. Without: how near the exact ideal that language's asyncio
 * and its threads came.
 */
function articleClaims(scenario: ScenarioResults, models: readonly AtLimit[], cores: number): string[] {
  const cpuWork = scenario.workload.cpuWork.kind !== 'none';
  if (cpuWork) {
    return models
      .filter((model) => model.facts.runsOn === 'threads' && model.facts.interpreterLock !== undefined)
      .map((threads) => {
        const used = (model: AtLimit): string => `${model.row.cpu.coresUsed.toFixed(2)} cores of ${cores}`;
        const sequential = sameLanguage(models, threads, (facts) => facts.inFlight === 'one');
        const processes = sameLanguage(models, threads, (facts) => facts.runsOn === 'processes');
        const gain =
          sequential && sequential.row.throughput.mean > 0
            ? `; it answered ${formatTimes(threads.row.throughput.mean / sequential.row.throughput.mean)} the goodput of ${sequential.label} by overlapping the waits, not by running the work at once`
            : '';
        const beside =
          processes && threads.row.throughput.mean > 0
            ? `; ${processes.label} used ${used(processes)} and answered ${formatTimes(processes.row.throughput.mean / threads.row.throughput.mean)} the goodput of ${threads.label}`
            : '';
        return `${threads.label} used ${used(threads)} (${threads.facts.interpreterLock})${gain}${beside}.`;
      });
  }
  return models
    .filter((model) => model.facts.runsOn === 'threads' && model.facts.interpreterLock !== undefined)
    .flatMap((threads) => {
      const asyncio = sameLanguage(models, threads, (facts) => facts.articleApproach === 'Asyncio');
      const rated = [asyncio, threads].filter(
        (model): model is AtLimit => model?.row.efficiency !== undefined && model.row.idealInvalid === undefined,
      );
      if (rated.length === 0) return [];
      const figures = rated.map((model) => `${model.label} ${efficiencyText(model.row)}`).join(' and ');
      return [`On I/O, where the articles have asyncio and threading both near the bound: of the exact ideal, ${figures}.`];
    });
}

function instrumentLines(results: readonly CompletedResult[]): string[] {
  const lines: string[] = [];
  // No ideal against a --target, and none to trust where the run beat it: no efficiency to judge there.
  const rated = results.flatMap((r) =>
    r.efficiency === undefined || r.idealInvalid !== undefined ? [] : [{ result: r, efficiency: r.efficiency }],
  );
  const worst = rated.reduce<(typeof rated)[number] | undefined>((low, r) => (!low || r.efficiency < low.efficiency ? r : low), undefined);
  if (worst && worst.efficiency < LOW_EFFICIENCY) {
    lines.push(
      `Efficiency fell to ${formatPercent(worst.efficiency)} for ${worst.result.label}: it took ${formatTimes(1 / Math.max(worst.efficiency, 1e-9))} the ideal time (bound by ${worst.result.idealLimitedBy ?? 'unknown'}).`,
    );
  }
  const saturated = results.filter((result) => result.clientSaturated !== undefined);
  if (saturated.length > 0) {
    const which = saturated.map((result) => `${result.label} (${result.clientSaturated})`).join('; ');
    lines.push(`Client saturated: ${which}. Those figures measure this machine's client, not the concurrency model.`);
  }
  // One line per distinct count of failures, naming every row that had it.
  const failures = new Map<string, string[]>();
  for (const result of results.filter((r) => r.errors.total > 0)) {
    const kinds = Object.entries(result.errors.byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    const what = `${result.errors.total} failed request${result.errors.total === 1 ? '' : 's'}${kinds ? ` (${kinds})` : ''}`;
    failures.set(what, [...(failures.get(what) ?? []), result.label]);
  }
  for (const [what, shapes] of failures) lines.push(`${listed(shapes)} had ${what}, not counted as goodput.`);
  return lines;
}

/** A short conclusion per scenario, written from the numbers; every renderer shows the same sentences. */
export function scenarioConclusions(scenario: ScenarioResults, file: Pick<ResultsFile, 'runners' | 'run' | 'environment'>): string[] {
  const results = completed(scenario.results);
  if (results.length === 0) return ['No level completed, so there is nothing to compare: the table says why each failed.'];
  const limits = modelLimits(scenario);
  const models = atLimits(limits, file.runners);
  return [
    ...headline(scenario, models, baselineRow(scenario, file.runners)),
    ...poolsAgainstOneLoop(scenario, models),
    ...articleClaims(scenario, models, file.environment.cores),
    ...limitLines(scenario, limits, file.run.target),
    ...instrumentLines(results),
  ];
}
