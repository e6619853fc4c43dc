import type { CompletedResult, RunnerResult, ScenarioResults } from '../harness/results.ts';
import { describeWork } from '../runners/work.ts';
import { formatBytes, formatMs, formatPercent, formatRate, formatTimes } from './format.ts';

/** The articles' table (Approach | Time | Throughput | p50 | p99 | Efficiency), shared by console, Markdown and HTML. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Lines to print under the table (saturation warnings, failures). */
  readonly notes: readonly string[];
}

export const RESULT_HEADERS = ['Approach', 'Time', 'Throughput', 'vs sequential', 'p50', 'p99', 'Errors', 'CPU', 'Memory', 'Efficiency'] as const;

export function completed(results: readonly RunnerResult[]): CompletedResult[] {
  return results.filter((result): result is CompletedResult => result.state === 'completed');
}

function sequentialThroughput(scenario: ScenarioResults): number | undefined {
  return completed(scenario.results).find((result) => result.runner === 'sequential')?.throughput.mean;
}

export function errorsCell(result: CompletedResult): string {
  const retries = result.attempts.retries > 0 ? ` (+${result.attempts.retries} retries)` : '';
  return `${result.errors.total}${retries}`;
}

export function resultsTable(scenario: ScenarioResults): Table {
  const baseline = sequentialThroughput(scenario);
  const notes: string[] = [];
  const rows = scenario.results.map((result) => {
    if (result.state === 'failed') {
      notes.push(`${result.shape} failed: ${result.error.message}`);
      return [result.shape, 'failed', '', '', '', '', result.error.code, '', '', ''];
    }
    if (result.clientSaturated) notes.push(`* ${result.shape}: client saturated (${result.clientSaturated}); this figure measures the client, not the model.`);
    return [
      result.shape,
      formatMs(result.wallMs.mean),
      formatRate(result.throughput.mean),
      baseline ? formatTimes(result.throughput.mean / baseline) : '',
      formatMs(result.latencyMs.p50),
      formatMs(result.latencyMs.p99),
      errorsCell(result),
      `${result.cpu.coresUsed.toFixed(2)} cores`,
      formatBytes(result.memory.peakRssBytes),
      `${formatPercent(result.efficiency)}${result.clientSaturated ? ' *' : ''}`,
    ];
  });
  return { headers: RESULT_HEADERS, rows, notes };
}

export function workloadLine(scenario: ScenarioResults): string {
  const w = scenario.workload;
  const work = w.cpuWork.kind === 'none' ? '' : `, ${describeWork(w.cpuWork)} of CPU work per response`;
  return `${w.requests.toLocaleString('en-US')} requests per batch at ${w.meanLatencyMs} ms mean latency${work}; ${w.iterations} measured iterations after ${w.warmupIterations} warm-up; client ${w.client.kind}`;
}
