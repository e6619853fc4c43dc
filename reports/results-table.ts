import type { CompletedResult, RunnerResult, ScenarioResults } from '../results/types.ts';
import { describeWork } from '../runners/work.ts';
import { TARGET_SCENARIO_ID } from '../harness/target/target-plan.ts';
import { withExtraColumns } from './target-columns.ts';
import { formatBytes, formatMs, formatPercent, formatRate, formatTimes } from '../common/format.ts';

/** The articles' table (Approach | Time | Throughput | p50 | p99 | ...), shared by console, Markdown and HTML. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Same shape as rows: true where the cell holds the column's best value. */
  readonly best: readonly (readonly boolean[])[];
  /** Lines to print under the table (saturation warnings, failures). */
  readonly notes: readonly string[];
}

export const RESULT_HEADERS = [
  'Approach',
  'Time',
  'Throughput',
  'vs sequential',
  'p50',
  'p99',
  'Errors',
  'CPU',
  'Memory',
  'Efficiency',
] as const;

type Better = 'lower' | 'higher';

/**
 * The measure behind each column, and which way is better; undefined: not ranked. CPU is not ranked:
 * fewer cores busy is as often a stalled model as an efficient one.
 */
const RANKED: readonly (((result: CompletedResult) => number) | undefined)[] = [
  undefined,
  (r) => r.wallMs.mean,
  (r) => r.throughput.mean,
  (r) => r.throughput.mean,
  (r) => r.latencyMs.p50,
  (r) => r.latencyMs.p99,
  (r) => r.errors.total,
  undefined,
  (r) => r.memory.peakRssBytes,
  (r) => r.efficiency ?? 0,
];
const DIRECTION: readonly (Better | undefined)[] = [
  undefined,
  'lower',
  'higher',
  'higher',
  'lower',
  'lower',
  'lower',
  undefined,
  'lower',
  'higher',
];

export function completed(results: readonly RunnerResult[]): CompletedResult[] {
  return results.filter((result): result is CompletedResult => result.state === 'completed');
}

export function sequentialBaseline(scenario: ScenarioResults): CompletedResult | undefined {
  return completed(scenario.results).find((result) => result.runner === 'sequential');
}

/** "12x faster", "2.0x slower", or "baseline" for sequential itself. */
export function versusSequential(result: CompletedResult, baseline: CompletedResult | undefined): string {
  if (!baseline || baseline.throughput.mean <= 0) return '';
  if (result === baseline) return 'baseline';
  const factor = result.throughput.mean / baseline.throughput.mean;
  return factor >= 1 ? `${formatTimes(factor)} faster` : `${formatTimes(1 / factor)} slower`;
}

export function errorsCell(result: CompletedResult): string {
  const retries = result.attempts.retries > 0 ? ` (+${result.attempts.retries} retries)` : '';
  return `${result.errors.total}${retries}`;
}

/** Marks each column's best value among completed results; nothing when all are equal. */
function bestCells(results: readonly RunnerResult[]): boolean[][] {
  const done = completed(results);
  const bests = RANKED.map((measure, column) => {
    if (!measure || done.length < 2) return undefined;
    const values = done.map(measure);
    const target = DIRECTION[column] === 'lower' ? Math.min(...values) : Math.max(...values);
    return values.every((value) => value === target) ? undefined : target;
  });
  return results.map((result) =>
    RANKED.map(
      (measure, column) =>
        result.state === 'completed' && measure !== undefined && bests[column] !== undefined && measure(result) === bests[column],
    ),
  );
}

export function resultsTable(scenario: ScenarioResults): Table {
  const baseline = sequentialBaseline(scenario);
  const notes: string[] = [];
  const rows = scenario.results.map((result) => {
    if (result.state === 'failed') {
      notes.push(`${result.shape} failed: ${result.error.message}`);
      return [result.shape, 'failed', '', '', '', '', result.error.code, '', '', ''];
    }
    if (result.clientSaturated)
      notes.push(`* ${result.shape}: client saturated (${result.clientSaturated}); this figure measures the client, not the model.`);
    return [
      result.shape,
      formatMs(result.wallMs.mean),
      formatRate(result.throughput.mean),
      versusSequential(result, baseline),
      formatMs(result.latencyMs.p50),
      formatMs(result.latencyMs.p99),
      errorsCell(result),
      `${result.cpu.coresUsed.toFixed(2)} cores`,
      formatBytes(result.memory.peakRssBytes),
      `${result.efficiency === undefined ? 'n/a' : formatPercent(result.efficiency)}${result.clientSaturated ? ' *' : ''}`,
    ];
  });
  const short = scenario.results.filter((result) => result.state === 'completed' && result.throughput.ci95 === undefined);
  if (short.length > 0) {
    notes.push(
      `Fewer than 5 measured iterations for ${short.map((result) => result.shape).join(', ')}: no confidence interval is claimed.`,
    );
  }
  return withExtraColumns(scenario, { headers: RESULT_HEADERS, rows, best: bestCells(scenario.results), notes });
}

export function workloadLine(scenario: ScenarioResults): string {
  const w = scenario.workload;
  const work = w.cpuWork.kind === 'none' ? '' : `, ${describeWork(w.cpuWork)} of CPU work per response`;
  const size =
    w.rounds === undefined
      ? `${w.requests.toLocaleString('en-US')} requests per batch`
      : `${w.rounds} rounds per lane per batch (requests = ${w.rounds} x in flight)`;
  const latency = scenario.id === TARGET_SCENARIO_ID ? ' to your service' : ` at ${formatMs(w.meanLatencyMs)} mean latency`;
  return `${size}${latency}${work}; ${w.iterations} measured iterations after ${w.warmupIterations} warm-up; client ${w.client.kind}`;
}
