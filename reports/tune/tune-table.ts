import { meetsSlo } from '../../results/slo.ts';
import { describeSetting } from '../../results/describe-setting.ts';
import { factsOf } from '../runner-facts.ts';
import { littleGap } from '../../results/little-gap.ts';
import type { LatencyProbe, Recommendation, TuneFile, TunePoint } from '../../results/tune-types.ts';
import { formatMs, formatPercent, formatRate } from '../../common/format.ts';

export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function little(value: number | undefined): string {
  return value === undefined ? 'n/a' : formatRate(value);
}

/** Little's law as a check: throughput x mean latency (absent in files before version 4). */
function inFlight(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(1);
}

/** The recommended setting as the user would write it: `32 in flight, 2 threads`. */
export function settingOf(tune: Pick<TuneFile, 'runners'>, recommendation: Recommendation): string {
  return describeSetting(factsOf(tune.runners, recommendation.runner), {
    concurrency: recommendation.concurrency,
    poolSize: recommendation.threads ?? recommendation.processes,
    connections: recommendation.connections,
    pipelining: recommendation.pipelining,
  });
}

export function recommendationTable(tune: TuneFile): TextTable {
  return {
    headers: ['Runner', 'Recommended', 'Throughput (mean)', "Little's law", 'p99', 'Meets SLO'],
    rows: tune.recommendations.map((entry) => [
      entry.runner,
      settingOf(tune, entry),
      formatRate(entry.throughput),
      little(entry.littleThroughput),
      formatMs(entry.p99Ms),
      entry.meetsSlo ? 'yes' : 'no',
    ]),
  };
}

function note(point: TunePoint, tune: TuneFile): string {
  const notes: string[] = [];
  if (!meetsSlo(point, tune.slo)) notes.push(point.latencyMs.p99 > tune.slo.p99Ms ? 'breaks SLO' : 'too many errors');
  if (point.rateLimited > 0) notes.push(`${point.rateLimited} x 429`);
  if (point.serverQueueMs > 0.5) notes.push(`server queue ${formatMs(point.serverQueueMs)}`);
  if (point.clientSaturated) notes.push('client saturated');
  const gap = littleGap(point.concurrency, point.littleInFlight);
  if (gap) notes.push(gap);
  return notes.join(', ');
}

/** Every point measured for one runner, in the order measured. */
export function pointsTable(tune: TuneFile, runner: string): TextTable {
  return {
    headers: ['Setting', 'Sweep', 'Mean', 'Best batch', "Little's law", 'vs law', 'In flight (X x W)', 'p50', 'p99', 'Errors', 'Note'],
    rows: tune.points
      .filter((point) => point.runner === runner)
      .map((point) => [
        describeSetting(factsOf(tune.runners, runner), point),
        point.sweep,
        formatRate(point.throughput),
        formatRate(point.throughputBest),
        little(point.littleThroughput),
        point.littleThroughput ? formatPercent(point.throughput / point.littleThroughput) : 'n/a',
        inFlight(point.littleInFlight),
        formatMs(point.latencyMs.p50),
        formatMs(point.latencyMs.p99),
        formatPercent(point.errorRate),
        note(point, tune),
      ]),
  };
}

/** Each adaptive limiter beside the runner's recommended static setting. */
export function adaptiveTable(tune: TuneFile): TextTable {
  return {
    headers: [
      'Runner',
      'Limiter',
      'Ceiling',
      'Throughput',
      'vs static',
      'In flight (X x W)',
      'p99',
      'p99 vs static',
      'Settled limit',
      'Errors',
    ],
    rows: (tune.adaptive ?? []).map((entry) => [
      entry.runner,
      entry.limiter,
      String(entry.maxConcurrency),
      formatRate(entry.throughput),
      formatPercent(entry.throughputShare),
      inFlight(entry.littleInFlight),
      formatMs(entry.p99Ms),
      `${entry.p99Ratio.toFixed(2)}x`,
      entry.settledLimit === undefined ? 'n/a' : entry.settledLimit.toFixed(1),
      formatPercent(entry.errorRate),
    ]),
  };
}

/** Where the unloaded latency came from: the scenario's server, or the --target timed from the client. */
export function latencyPhrase(probe: LatencyProbe | undefined, scenarioLatencyMs: number): string {
  if (!probe) return `mean server latency ${formatMs(scenarioLatencyMs)}`;
  return `latency ${formatMs(probe.medianMs)} probed from the client (median of ${probe.requests} requests one at a time, ${formatMs(probe.minMs)} to ${formatMs(probe.maxMs)})`;
}

export function termsLine(tune: TuneFile): string {
  return (
    `${latencyPhrase(tune.probe, tune.scenario.meanLatencyMs)}; SLO p99 <= ${formatMs(tune.slo.p99Ms)}; ` +
    `errors <= ${formatPercent(tune.slo.maxErrorRate)}; up to ${tune.bounds.maxConcurrency} in flight; ` +
    `${tune.bounds.rounds} requests per lane per batch, ${tune.bounds.iterations} batches (+${tune.bounds.warmupIterations} warm-up) per setting`
  );
}
