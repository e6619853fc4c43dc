import { SUSTAINED_SHARE } from '../results/level-rules.ts';
import { formatMs, formatPercent, formatRate } from '../common/format.ts';
import { modelName } from '../results/model-name.ts';
import type { CompletedResult, RunnerResult, ScenarioResults } from '../results/types.ts';
import { errorsCell } from './results-table.ts';
import type { Table } from './table.ts';

export type OpenLoopResult = CompletedResult & { readonly arrival: NonNullable<CompletedResult['arrival']> };

/** A level that ran at an offered rate (`--arrival-rate`) rather than as a closed-loop batch. */
function isOpenLoop(result: RunnerResult): result is OpenLoopResult {
  return result.state === 'completed' && result.arrival !== undefined;
}

export function openLoopResults(scenario: ScenarioResults): OpenLoopResult[] {
  return scenario.results.filter(isOpenLoop);
}

/** The scenario without its open-loop rows: what the closed-loop tables, charts and conclusions read. */
export function closedLoopView(scenario: ScenarioResults): ScenarioResults {
  return { ...scenario, results: scenario.results.filter((result) => !isOpenLoop(result)) };
}

/** The p99 an open-loop level had to stay under, as the run recorded it (20x the mean latency, at least 100 ms). */
export function openLoopSloMs(results: readonly OpenLoopResult[]): number | undefined {
  return results[0]?.arrival.sloP99Ms;
}

const OPEN_LOOP_HEADERS = [
  'Approach',
  'Offered',
  'Achieved',
  'Dropped',
  'Late',
  'p50 from intended',
  'p99 from intended',
  'p50 service',
  'p99 service',
  'Errors',
  'Served (server)',
] as const;

/** Model and limit: the label a hockey-stick line and a knee note are drawn for. */
export function modelLabel(result: CompletedResult, all: readonly CompletedResult[]): string {
  const label = modelName(result);
  const limits = new Set(all.filter((other) => modelName(other) === label).map((other) => other.concurrency));
  return limits.size > 1 ? `${label} (limit ${result.concurrency})` : label;
}

/**
 * The open-loop table: offered against achieved rate, drops and late sends, latency from the intended start (what a
 * user waits, queueing included) beside the service time from the actual send. Undefined without open-loop rows.
 */
export function openLoopTable(scenario: ScenarioResults): Table | undefined {
  const results = openLoopResults(scenario);
  if (results.length === 0) return undefined;
  const slo = openLoopSloMs(results) ?? 0;
  const rows = results.map((result) => {
    const a = result.arrival;
    const service = result.serviceLatencyMs;
    return [
      result.label,
      formatRate(a.offeredRate),
      formatRate(a.achievedRate),
      a.expired > 0 ? `${a.dropped} (+${a.expired.toLocaleString('en-US')} expired)` : String(a.dropped),
      String(a.late),
      formatMs(result.latencyMs.p50),
      formatMs(result.latencyMs.p99),
      service === undefined ? 'n/a' : formatMs(service.p50),
      service === undefined ? 'n/a' : formatMs(service.p99),
      errorsCell(result),
      result.server.served.toLocaleString('en-US'),
    ];
  });
  const best = results.map((result) => OPEN_LOOP_HEADERS.map((_, column) => column === 6 && result.arrival.sustained));
  const first = results[0];
  const notes = [
    `Open loop: ${first ? `${formatMs(first.arrival.durationMs)} of ${first.arrival.kind} arrivals per iteration, ${first.iterations} iteration(s) after a 1 s warm-up at the same rate, ` : ''}${formatMs(scenario.workload.meanLatencyMs)} mean server latency; latency "from intended" runs from each request's scheduled start (queueing included, no coordinated omission), "service" from its actual send. Achieved = sent / (last send - start + 1/offered). Expired: still waiting 5 s after the duration, never sent. p99 in bold: keeps up (achieved >= ${formatPercent(SUSTAINED_SHARE)} of offered, p99 <= the SLO of ${formatMs(slo)}, errors within --max-error-rate).`,
    ...kneeNotes(results),
  ];
  return { headers: OPEN_LOOP_HEADERS, rows, best, notes, warnings: [] };
}

/** Per model and limit: the highest offered rate it kept up with, and what happened at the next one. */
export function kneeNotes(results: readonly OpenLoopResult[]): string[] {
  const labels = [...new Set(results.map((result) => modelLabel(result, results)))];
  return labels.map((label) => {
    const levels = results
      .filter((result) => modelLabel(result, results) === label)
      .sort((x, y) => x.arrival.offeredRate - y.arrival.offeredRate);
    const kept = levels.filter((result) => result.arrival.sustained).at(-1);
    const broke = levels.find((result) => !result.arrival.sustained);
    const keptText = kept
      ? `kept up to ${formatRate(kept.arrival.offeredRate)} (p99 ${formatMs(kept.latencyMs.p99)} from intended start)`
      : 'kept up at no offered rate';
    const brokeText = broke
      ? `; at ${formatRate(broke.arrival.offeredRate)} it sent ${formatRate(broke.arrival.achievedRate)} with p99 ${formatMs(broke.latencyMs.p99)} from intended start but ${formatMs(broke.serviceLatencyMs?.p99 ?? 0)} of service`
      : '';
    return `${label}: ${keptText}${brokeText}.`;
  });
}
