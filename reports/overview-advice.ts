import { formatPercent, formatRate, formatTimes } from '../common/format.ts';
import { describeWork } from '../runners/work.ts';
import type { ModelCost, OverviewRow } from './overview-row.ts';

/**
 * Advice drawn from the overview rows. Every sentence is computed from measured numbers and is left out when no
 * row supports it; ties are said as "matched", never as a win.
 */

const POOLS = ['worker-threads', 'child-process'] as const;
const ONE_LOOP = 'promise-concurrent';

/** A label is a runner, or runner/limiter. */
function runnerOf(label: string): string {
  return label.split('/')[0] ?? label;
}

function isPool(label: string): boolean {
  return (POOLS as readonly string[]).includes(runnerOf(label));
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function range(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)} to ${format(high)}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function poolNoun(labels: readonly string[]): string {
  const runners = new Set(labels.map(runnerOf));
  if (runners.has('worker-threads') && runners.has('child-process')) return 'threads and processes';
  return runners.has('worker-threads') ? 'worker threads' : 'child processes';
}

function concurrencyPays(rows: readonly OverviewRow[]): string | undefined {
  const withSequential = rows.filter((row) => row.bestThroughput.sequential !== undefined);
  const paid = withSequential.filter((row): row is OverviewRow & { speedUp: number } => row.speedUp !== undefined && row.speedUp > 1);
  if (paid.length === 0) return undefined;
  const low = paid.reduce((a, b) => (b.speedUp < a.speedUp ? b : a));
  const high = paid.reduce((a, b) => (b.speedUp > a.speedUp ? b : a));
  const where =
    paid.length === withSequential.length
      ? 'every scenario that measured sequential'
      : `${paid.length} of ${withSequential.length} scenarios`;
  const span =
    low === high
      ? `${formatTimes(low.speedUp)} its throughput (${low.id})`
      : `from ${formatTimes(low.speedUp)} (${low.id}) to ${formatTimes(high.speedUp)} (${high.id}) its throughput`;
  return `Concurrency paid in ${where}: the best model ran ${span}.`;
}

interface LoopEvidence {
  readonly row: OverviewRow;
  readonly loop: ModelCost;
  readonly pools: readonly ModelCost[];
  readonly tiedPools: number;
}

function oneLoopForIo(rows: readonly OverviewRow[]): string | undefined {
  const evidence = rows.flatMap((row): LoopEvidence[] => {
    const loop = row.leaders.find((leader) => runnerOf(leader.label) === ONE_LOOP);
    const pools = row.models.filter((model) => isPool(model.label));
    if (row.cpuWork.kind !== 'none' || !loop || pools.length === 0) return [];
    return [{ row, loop, pools, tiedPools: row.leaders.filter((leader) => isPool(leader.label)).length }];
  });
  if (evidence.length === 0) return undefined;
  const tied = evidence.reduce((n, e) => n + e.tiedPools, 0);
  const measured = evidence.reduce((n, e) => n + e.pools.length, 0);
  const verb = tied === measured ? 'matched' : tied === 0 ? 'beat' : 'matched or beat';
  const memory = mean(evidence.map((e) => e.loop.peakRssBytes / mean(e.pools.map((p) => p.peakRssBytes))));
  const cores = mean(evidence.map((e) => e.loop.coresUsed / Math.max(mean(e.pools.map((p) => p.coresUsed)), 1e-9)));
  const limit = range(
    evidence.map((e) => e.loop.concurrency),
    (n) => String(n),
  );
  const nouns = poolNoun(evidence.flatMap((e) => e.pools.map((p) => p.label)));
  return `For I/O-bound calls (${listed(evidence.map((e) => e.row.id))}) one event loop (${ONE_LOOP}) with a limit of ${limit} ${verb} ${nouns} at ${formatTimes(memory)} their memory and ${formatTimes(cores)} their CPU.`;
}

function poolsForCpu(rows: readonly OverviewRow[]): string | undefined {
  const cpuRows = rows.filter((row) => row.cpuWork.kind !== 'none' && row.bestThroughput[ONE_LOOP] !== undefined);
  const wins = cpuRows.flatMap((row) => {
    const pools = row.leaders.filter((leader) => isPool(leader.label));
    if (pools.length === 0 || row.leaders.some((leader) => runnerOf(leader.label) === ONE_LOOP)) return [];
    const loop = row.bestThroughput[ONE_LOOP] ?? 0;
    const ratios = pools.map((pool) => formatTimes((row.bestThroughput[pool.label] ?? 0) / loop));
    const tie = pools.length > 1 ? ' (a tie)' : '';
    const ran = new Set(ratios).size === 1 && ratios.length > 1 ? `each ran ${ratios[0]}` : `ran ${listed(ratios)}`;
    return [
      {
        row,
        pools,
        text: `on ${row.id} (${describeWork(row.cpuWork)} per response) ${listed(pools.map((p) => p.label))}${tie} ${ran} the throughput of ${ONE_LOOP}`,
      },
    ];
  });
  if (wins.length === 0) return undefined;
  const kept = cpuRows.filter((row) => row.leaders.some((leader) => runnerOf(leader.label) === ONE_LOOP));
  const counter =
    kept.length > 0 ? `; on ${listed(kept.map((row) => `${row.id} (${describeWork(row.cpuWork)})`))} one event loop kept up with them` : '';
  const noun = poolNoun(wins.flatMap((win) => win.pools.map((p) => p.label)));
  const use = noun === 'threads and processes' ? 'worker threads or child processes' : noun;
  return `Use ${use} when every response costs CPU: ${wins.map((win) => win.text).join('; ')}${counter}.`;
}

/** Requests per second the server allows at most: capacity / mean latency, or its rate limit. */
function serverCap(row: OverviewRow): { readonly rate: number; readonly what: string } | undefined {
  const { capacity, rateLimit } = row.server;
  const byCapacity = capacity !== undefined && row.meanLatencyMs > 0 ? (capacity / row.meanLatencyMs) * 1000 : undefined;
  if (rateLimit !== undefined && (byCapacity === undefined || rateLimit <= byCapacity))
    return { rate: rateLimit, what: `a rate limit of ${formatRate(rateLimit)}` };
  if (byCapacity !== undefined)
    return {
      rate: byCapacity,
      what: `capacity ${capacity} at ${Number(row.meanLatencyMs.toPrecision(3))} ms: at most ${formatRate(byCapacity)}`,
    };
  return undefined;
}

function followTheServer(rows: readonly OverviewRow[]): string | undefined {
  const capped = rows.flatMap((row) => {
    const cap = serverCap(row);
    if (!cap || !row.best) return [];
    const best = row.best;
    return [
      `on ${row.id} (${cap.what}) the best was ${best.concurrency} in flight at ${formatRate(best.throughput.mean)} (${formatPercent(best.throughput.mean / cap.rate)} of that)`,
    ];
  });
  if (capped.length === 0) return undefined;
  return `Where the server sets the limit, size the concurrency to the server, not to the model: ${capped.join('; ')}.`;
}

function stillGaining(rows: readonly OverviewRow[]): string | undefined {
  const open = rows.flatMap((row) => {
    const leaders = row.leaders.filter((leader) => row.stillGaining.includes(leader.label));
    const levels = [...new Set(leaders.map((leader) => leader.concurrency))].sort((a, b) => a - b);
    const at = levels.map((level) => {
      const labels = leaders.filter((leader) => leader.concurrency === level).map((leader) => leader.label);
      return `${listed(labels)} at ${level} in flight`;
    });
    return leaders.length > 0 ? [`${row.id} (${at.join('; ')})`] : [];
  });
  if (open.length === 0) return undefined;
  return `The best models still gained at the highest limit tried on ${listed(open)}: run again with a higher --concurrency to find the peak.`;
}

export function overviewAdvice(rows: readonly OverviewRow[]): string[] {
  return [concurrencyPays(rows), oneLoopForIo(rows), poolsForCpu(rows), followTheServer(rows), stillGaining(rows)].filter(
    (sentence): sentence is string => sentence !== undefined,
  );
}
