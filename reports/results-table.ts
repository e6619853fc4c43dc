import type { CompletedResult, RunnerResult, ScenarioResults } from '../harness/results.ts';
import { formatMs, formatPercent, formatRate, formatTimes } from './format.ts';

/** The articles' table (Approach | Time | Throughput | p50 | p99 | Efficiency), shared by console, Markdown and HTML. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export const RESULT_HEADERS = ['Approach', 'Time', 'Throughput', 'vs sequential', 'p50', 'p99', 'Errors', 'Efficiency'] as const;

export function completed(results: readonly RunnerResult[]): CompletedResult[] {
  return results.filter((result): result is CompletedResult => result.state === 'completed');
}

function sequentialThroughput(scenario: ScenarioResults): number | undefined {
  return completed(scenario.results).find((result) => result.runner === 'sequential')?.throughput.mean;
}

export function resultsTable(scenario: ScenarioResults): Table {
  const baseline = sequentialThroughput(scenario);
  const rows = scenario.results.map((result) => {
    if (result.state === 'failed') return [result.shape, 'failed', '', '', '', '', result.error.code, ''];
    return [
      result.shape,
      formatMs(result.wallMs.mean),
      formatRate(result.throughput.mean),
      baseline ? formatTimes(result.throughput.mean / baseline) : '',
      formatMs(result.latencyMs.p50),
      formatMs(result.latencyMs.p99),
      String(result.errors.total),
      formatPercent(result.efficiency),
    ];
  });
  return { headers: RESULT_HEADERS, rows };
}

export function workloadLine(scenario: ScenarioResults): string {
  const w = scenario.workload;
  return `${w.requests.toLocaleString('en-US')} requests per batch at ${w.meanLatencyMs} ms mean latency, ${w.iterations} measured iterations after ${w.warmupIterations} warm-up`;
}
