import { formatBytes, formatTimes } from '../common/format.ts';
import { describeWork } from '../results/describe-work.ts';
import { listed } from './limit-lines.ts';
import type { ModelCost, OverviewRow } from './overview-row.ts';
import { isOneLoop, isPool, workersNoun } from './runner-facts.ts';
import { serverCapAdvice } from './server-cap-advice.ts';

/**
 * Advice drawn from the overview rows. Every sentence is computed from measured numbers and the runners' facts, and
 * is left out when no row supports it; ties are said as "matched", never as a win. Models are compared at their
 * limits (results.json's bestLevels), never at a level the reports picked.
 */

function range(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)} to ${format(high)}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** `threads and processes`, from the pools' own nouns. */
function poolNouns(pools: readonly ModelCost[]): string {
  return listed([...new Set(pools.map((pool) => workersNoun(pool.facts)))]);
}

function concurrencyPays(rows: readonly OverviewRow[]): string | undefined {
  const withBaseline = rows.filter((row) => row.baseline !== undefined);
  const paid = withBaseline.filter((row): row is OverviewRow & { speedUp: number } => row.speedUp !== undefined && row.speedUp > 1);
  const baseline = withBaseline[0]?.baseline?.runner;
  if (paid.length === 0 || baseline === undefined) return undefined;
  const low = paid.reduce((a, b) => (b.speedUp < a.speedUp ? b : a));
  const high = paid.reduce((a, b) => (b.speedUp > a.speedUp ? b : a));
  const where =
    paid.length === withBaseline.length ? `every scenario that measured ${baseline}` : `${paid.length} of ${withBaseline.length} scenarios`;
  const span =
    low === high
      ? `${formatTimes(low.speedUp)} (${low.id})`
      : `from ${formatTimes(low.speedUp)} (${low.id}) to ${formatTimes(high.speedUp)} (${high.id})`;
  return `Concurrency paid in ${where}: the best model answered ${span} the requests per second of ${baseline}.`;
}

interface LoopEvidence {
  readonly row: OverviewRow;
  readonly loop: ModelCost;
  readonly pools: readonly ModelCost[];
  readonly tiedPools: number;
}

function inFlightCost(models: readonly ModelCost[]): string | undefined {
  const costs = models.flatMap((model) => (model.inFlightBytes === undefined ? [] : [model.inFlightBytes]));
  return costs.length === models.length && costs.length > 0 ? range(costs, (bytes) => `+${formatBytes(bytes)}`) : undefined;
}

function oneLoopForIo(rows: readonly OverviewRow[]): string | undefined {
  const evidence = rows.flatMap((row): LoopEvidence[] => {
    const loop = row.leaders.find((leader) => isOneLoop(leader.facts));
    const pools = row.models.filter((model) => isPool(model.facts) && model.facts.language === loop?.facts.language);
    if (row.cpuWork.kind !== 'none' || !loop || pools.length === 0) return [];
    return [{ row, loop, pools, tiedPools: row.leaders.filter((leader) => pools.includes(leader)).length }];
  });
  const first = evidence[0];
  if (!first) return undefined;
  const tied = evidence.reduce((n, e) => n + e.tiedPools, 0);
  const measured = evidence.reduce((n, e) => n + e.pools.length, 0);
  const verb = tied === measured ? 'matched' : tied === 0 ? 'beat' : 'matched or beat';
  const memory = mean(evidence.map((e) => e.loop.peakRssBytes / mean(e.pools.map((p) => p.peakRssBytes))));
  const cores = mean(evidence.map((e) => e.loop.coresUsed / Math.max(mean(e.pools.map((p) => p.coresUsed)), 1e-9)));
  const limit = range(
    evidence.map((e) => e.loop.concurrency),
    (n) => String(n),
  );
  const loopCost = inFlightCost(evidence.map((e) => e.loop));
  const poolCost = inFlightCost(evidence.flatMap((e) => e.pools));
  const held = loopCost && poolCost ? `; holding its requests in flight cost ${loopCost} above the idle host, theirs ${poolCost}` : '';
  const loops = listed([...new Set(evidence.map((e) => e.loop.label))]);
  return `For I/O-bound calls (${listed(evidence.map((e) => e.row.id))}) one event loop (${loops}) with a limit of ${limit} ${verb} ${poolNouns(evidence.flatMap((e) => e.pools))} at ${formatTimes(memory)} their peak memory and ${formatTimes(cores)} their CPU${held}.`;
}

function poolsForCpu(rows: readonly OverviewRow[]): string | undefined {
  const cpuRows = rows.filter((row) => row.cpuWork.kind !== 'none');
  const wins = cpuRows.flatMap((row) => {
    const pools = row.leaders.filter((leader) => isPool(leader.facts));
    const loop = row.models.find((model) => isOneLoop(model.facts) && pools.some((pool) => pool.facts.language === model.facts.language));
    if (pools.length === 0 || !loop || row.leaders.some((leader) => isOneLoop(leader.facts)) || loop.goodput <= 0) return [];
    const ratios = pools.map((pool) => formatTimes(pool.goodput / loop.goodput));
    const tie = pools.length > 1 ? ' (a tie)' : '';
    const ran = new Set(ratios).size === 1 && ratios.length > 1 ? `each answered ${ratios[0]}` : `answered ${listed(ratios)}`;
    return [
      {
        pools,
        text: `on ${row.id} (${describeWork(row.cpuWork)} per response) ${listed(pools.map((p) => p.label))}${tie} ${ran} the requests per second of ${loop.label}`,
      },
    ];
  });
  if (wins.length === 0) return undefined;
  const kept = cpuRows.filter((row) => row.leaders.some((leader) => isOneLoop(leader.facts)) && row.models.some((m) => isPool(m.facts)));
  const counter =
    kept.length > 0 ? `; on ${listed(kept.map((row) => `${row.id} (${describeWork(row.cpuWork)})`))} one event loop kept up with them` : '';
  return `Use ${poolNouns(wins.flatMap((win) => win.pools))} when every response costs CPU: ${wins.map((win) => win.text).join('; ')}${counter}.`;
}

/** The leaders' limits that may lie higher (tryHigher) or between or beyond the levels run (not bracketed). */
function limitPointers(rows: readonly OverviewRow[]): string[] {
  const higher = rows.filter((row) => row.leaderLimit?.best?.kind === 'found' && row.leaderLimit.best.tryHigher);
  const open = rows.filter(
    (row) => row.leaderLimit?.best?.kind === 'found' && !row.leaderLimit.best.bracketed && !row.leaderLimit.best.tryHigher,
  );
  const example = (chosen: readonly OverviewRow[]): string =>
    chosen.length === 1 ? `\`${chosen[0]?.tune ?? ''}\`` : `\`npm run tune -- --scenario <id>\` (e.g. \`${chosen[0]?.tune ?? ''}\`)`;
  return [
    ...(higher.length === 0
      ? []
      : [
          `The leader still gained at the highest level measured on ${listed(higher.map((row) => `${row.id} (${row.leaderLimit?.best?.kind === 'found' ? row.leaderLimit.best.concurrency : ''} in flight)`))}: try higher with --concurrency, or find the limit with ${example(higher)}.`,
        ]),
    ...(open.length === 0
      ? []
      : [
          `The leader's limit is not bracketed on ${listed(open.map((row) => row.id))} (no level measured on both sides of it): find it with ${example(open)}.`,
        ]),
  ];
}

function noLimit(rows: readonly OverviewRow[]): string[] {
  return rows.flatMap((row) =>
    row.leaderLimit?.best?.kind === 'none' ? [`No limit on ${row.id}: ${row.leaderLimit.label} ${row.leaderLimit.best.reason}.`] : [],
  );
}

function partialRows(rows: readonly OverviewRow[]): string | undefined {
  const partial = rows.filter((row) => row.partial);
  return partial.length === 0
    ? undefined
    : `Partial verdicts on ${listed(partial.map((row) => row.id))}: not every level ran, so they stand on the levels measured.`;
}

export function overviewAdvice(rows: readonly OverviewRow[]): string[] {
  return [
    partialRows(rows),
    concurrencyPays(rows),
    oneLoopForIo(rows),
    poolsForCpu(rows),
    serverCapAdvice(rows),
    ...limitPointers(rows),
    ...noLimit(rows),
  ].filter((sentence): sentence is string => sentence !== undefined);
}
