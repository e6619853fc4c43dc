import { formatBytes, formatMs, formatRate, formatShare, formatTimes } from '../common/format.ts';
import { describeWork } from '../results/describe-work.ts';
import { TARGET_SCENARIO_ID } from '../results/target-scenario.ts';
import { efficiencyText } from './efficiency-text.ts';
import type { CompletedResult, FailedResult, RunnerFacts, RunnerResult, ScenarioResults } from '../results/types.ts';
import { completed } from './model-limits.ts';
import { HOST_TAIL_MARK, hostBoundTail, rowNotes, rowWarnings, WARNING_MARK } from './row-notes.ts';
import { baselineRow } from './runner-facts.ts';
import type { Column, Table } from './table.ts';
import { extraColumns } from './target-columns.ts';

export type { Table } from './table.ts';

/** "12x faster", "2.0x slower", or "baseline" for the baseline row itself. */
function versusBaseline(result: CompletedResult, baseline: CompletedResult | undefined): string {
  if (!baseline || baseline.throughput.mean <= 0) return '';
  if (result === baseline) return 'baseline';
  const factor = result.throughput.mean / baseline.throughput.mean;
  return factor >= 1 ? `${formatTimes(factor)} faster` : `${formatTimes(1 / factor)} slower`;
}

/** Requests that still failed, their share, and the retries it took: `3 (0.4%) +12 retries`. */
export function errorsCell(result: CompletedResult): string {
  const share = result.errors.total > 0 ? ` (${formatShare(result.errorRate)})` : '';
  const retries = result.attempts.retries > 0 ? ` +${result.attempts.retries} retries` : '';
  return `${result.errors.total}${share}${retries}`;
}

function failedErrorsCell(result: FailedResult): string {
  if (result.errors === undefined) return result.error.code;
  const { total, requests } = result.errors;
  return `${total} of ${requests} (${formatShare(total / Math.max(1, requests))})`;
}

/** Peak RSS of the model's host tree, and what holding the level in flight cost above the host at idle. */
function memoryCell(result: CompletedResult): string {
  const baseline = result.memory.baselineRssBytes;
  const above = baseline === undefined ? '' : ` (+${formatBytes(Math.max(0, result.memory.peakRssBytes - baseline))})`;
  return `${formatBytes(result.memory.peakRssBytes)}${above}`;
}

function approachCell(result: CompletedResult): string {
  return `${result.label}${result.warnings?.some((warning) => warning.kind !== 'host-bound-tail') ? ` ${WARNING_MARK}` : ''}`;
}

function hasErrors(results: readonly RunnerResult[]): boolean {
  return results.some((result) =>
    result.state === 'completed' ? result.errors.total > 0 || result.attempts.retries > 0 : result.errors !== undefined,
  );
}

/** The columns this scenario's rows need: errors, lateness and a baseline only where there are some. */
function columns(scenario: ScenarioResults, runners: readonly RunnerFacts[]): Column[] {
  const done = completed(scenario.results);
  const baseline = baselineRow(scenario, runners);
  const batchSizes = new Set(done.map((result) => result.requests));
  return [
    { header: 'Approach', cell: approachCell, failedCell: (result) => result.label },
    {
      // Batches hold rounds x in flight requests in some scenarios: their times do not compare, so none is "best".
      header: 'Batch time',
      cell: (result) => `${formatMs(result.wallMs.mean)}${batchSizes.size > 1 ? ` for ${result.requests}` : ''}`,
    },
    {
      header: 'Goodput',
      cell: (result) => formatRate(result.throughput.mean),
      failedCell: () => 'failed',
      rank: { measure: (result) => result.throughput.mean, better: 'higher' },
    },
    ...(hasErrors(scenario.results)
      ? [{ header: 'Attempts/s', cell: (result: CompletedResult) => formatRate(result.sendRate.attempts) }]
      : []),
    ...(baseline === undefined
      ? []
      : [
          {
            header: `vs ${baseline.runner}`,
            cell: (result: CompletedResult) => versusBaseline(result, baseline),
            rank: { measure: (result: CompletedResult) => result.throughput.mean, better: 'higher' as const },
          },
        ]),
    { header: 'p50', cell: (result) => formatMs(result.latencyMs.p50), rank: { measure: (r) => r.latencyMs.p50, better: 'lower' } },
    {
      header: 'p99',
      cell: (result) => `${formatMs(result.latencyMs.p99)}${hostBoundTail(result) ? ` ${HOST_TAIL_MARK}` : ''}`,
      rank: { measure: (r) => r.latencyMs.p99, better: 'lower' },
    },
    ...(done.some((result) => result.server.latenessMs !== undefined)
      ? [
          {
            header: 'Server late p99',
            cell: (result: CompletedResult) => (result.server.latenessMs === undefined ? '' : formatMs(result.server.latenessMs.p99)),
          },
        ]
      : []),
    {
      header: 'Errors',
      cell: errorsCell,
      failedCell: failedErrorsCell,
      rank: { measure: (r) => r.errors.total, better: 'lower' },
    },
    // Not ranked: fewer cores busy is as often a stalled model as an efficient one.
    { header: 'CPU', cell: (result) => `${result.cpu.coresUsed.toFixed(2)} cores` },
    {
      header: 'Memory (+ in flight)',
      cell: memoryCell,
      rank: { measure: (r) => r.memory.peakRssBytes, better: 'lower' },
    },
    {
      header: 'Efficiency',
      cell: (result) => `${efficiencyText(result)}${result.clientSaturated ? ' *' : ''}`,
      rank: { measure: (r) => (r.idealInvalid === undefined ? (r.efficiency ?? 0) : 0), better: 'higher' },
    },
    ...extraColumns(scenario),
  ];
}

/** Marks each ranked column's best value among completed results; nothing when all are equal. */
function bestCells(results: readonly RunnerResult[], all: readonly Column[]): boolean[][] {
  const done = completed(results);
  const bests = all.map((column) => {
    if (!column.rank || done.length < 2) return undefined;
    const values = done.map(column.rank.measure);
    const target = column.rank.better === 'lower' ? Math.min(...values) : Math.max(...values);
    return values.every((value) => value === target) ? undefined : target;
  });
  return results.map((result) =>
    all.map((column, c) => result.state === 'completed' && column.rank !== undefined && column.rank.measure(result) === bests[c]),
  );
}

/** The articles' table of one scenario: one row per level measured, failed levels as failed, never as goodput. */
export function resultsTable(scenario: ScenarioResults, runners: readonly RunnerFacts[]): Table {
  const all = columns(scenario, runners);
  const rows = scenario.results.map((result) =>
    all.map((column) => (result.state === 'completed' ? column.cell(result) : (column.failedCell?.(result) ?? ''))),
  );
  return {
    headers: all.map((column) => column.header),
    rows,
    best: bestCells(scenario.results, all),
    notes: rowNotes(scenario),
    warnings: rowWarnings(scenario),
  };
}

export function workloadLine(scenario: ScenarioResults): string {
  const w = scenario.workload;
  const work = w.cpuWork.kind === 'none' ? '' : `, ${describeWork(w.cpuWork)} of CPU work per response`;
  const size =
    w.rounds === undefined
      ? `${w.requests.toLocaleString('en-US')} requests per batch`
      : `${w.rounds} rounds per lane per batch (requests = ${w.rounds} x in flight)`;
  const latency = scenario.id === TARGET_SCENARIO_ID ? ' to your service' : ` at ${formatMs(w.meanLatencyMs)} mean latency`;
  return `${size}${latency}${work}; ${w.iterations} measured iterations after ${w.warmupIterations} warm-up; client ${w.client.kind}; goodput counts answered requests (2xx/3xx after retries) per second`;
}
