import Table from 'cli-table3';
import { formatMs, formatPercent } from '../../common/format.ts';
import { uslLine } from './usl-describe.ts';
import { LITTLE_GAP, littleGap } from '../../results/little-gap.ts';
import type { LatencyProbe, SweepBounds, TuneFile } from '../../results/tune-types.ts';
import { SUSTAINABLE_RULE, sustainableTable } from './sustainable-table.ts';
import { adaptiveTable, latencyPhrase, termsLine, recommendationTable, type TextTable } from './tune-table.ts';

function render(table: TextTable): string {
  const rendered = new Table({ head: [...table.headers], style: { head: [], border: [] } });
  for (const row of table.rows) rendered.push([...row]);
  return rendered.toString();
}

/** `~45 s` or `~2.5 min`. */
function formatDuration(ms: number): string {
  return ms < 90_000 ? `~${Math.max(1, Math.round(ms / 1000))} s` : `~${(ms / 60_000).toFixed(1)} min`;
}

/** The host's 1-minute load average and cores: a busy machine stretches every batch, which no estimate knows. */
interface HostLoad {
  readonly loadAverage: number;
  readonly cores: number;
}

export interface TunePlan {
  readonly latencyMs: number;
  readonly probe: LatencyProbe | undefined;
  readonly bounds: SweepBounds;
  /** tune's estimate: the whole run, the settings it usually measures, one batch at the unloaded latency. */
  readonly expected: { readonly ms: number; readonly settings: number; readonly batchMs: number };
  /** Settings the whole tune measures at most. */
  readonly atMost: number;
  /** A --target without --limiter: the adaptive limiters are left out. */
  readonly adaptiveSkipped: boolean;
  readonly host: HostLoad;
}

/** What tune is about to do, before the first setting: the latency it starts from, the batch size, and how long it should take. */
export function tunePlanLines(plan: TunePlan): string[] {
  const { bounds, expected } = plan;
  return [
    `Starting from ${latencyPhrase(plan.probe, plan.latencyMs)}: ` +
      `batches of ${bounds.rounds} requests per lane (~${formatMs(expected.batchMs)} at that latency), ` +
      `${bounds.warmupIterations} warm-up + ${bounds.iterations} measured per setting.`,
    `Expected duration ${formatDuration(expected.ms)} (about ${expected.settings} settings, at most ${plan.atMost}; longer where latency climbs past the knee` +
      (plan.host.loadAverage > plan.host.cores
        ? `, and on this busy machine: load average ${plan.host.loadAverage.toFixed(1)} on ${plan.host.cores} cores).`
        : ').'),
    ...(plan.adaptiveSkipped
      ? ['Adaptive limiters are left out against your service: give --limiter to try them (with a ceiling of 4x the recommended limit).']
      : []),
  ];
}

/** The settings where Little's law finds fewer (or more) requests in flight than configured, one line each. */
function littleLines(tune: TuneFile): string[] {
  const flagged = tune.points.flatMap((point) => {
    const gap = littleGap(point.concurrency, point.littleInFlight);
    return gap ? [`- ${point.runner} at ${point.concurrency} in flight (${point.sweep}): ${gap}`] : [];
  });
  const within = formatPercent(LITTLE_GAP);
  if (flagged.length > 0) return [`Little's law check (throughput x mean latency against the limit, gaps over ${within}):`, ...flagged];
  // A file from before version 4 has no figure to check: say nothing rather than a check that never ran.
  if (!tune.points.some((point) => point.littleInFlight !== undefined)) return [];
  return [`Little's law check: every setting kept its limit in flight (throughput x mean latency within ${within}).`];
}

/** The recommendations on the terminal, each with the sentence that says why. */
export function renderTuneConsole(tune: TuneFile): string {
  const reasons = tune.recommendations.map((entry) => `- ${entry.runner}: ${entry.reason}`);
  const partial = tune.run.complete ? [] : ['Interrupted: the recommendations use what was measured until then.'];
  const sustainable = sustainableTable(tune);
  const usl = [...(tune.usl ?? []), ...(tune.uslSkipped ?? [])];
  return [
    `Tuning ${tune.scenario.title}`,
    termsLine(tune),
    render(recommendationTable(tune)),
    ...reasons,
    ...(usl.length === 0
      ? []
      : ['Universal Scalability Law, fitted to each concurrency sweep:', ...usl.map((entry) => `- ${uslLine(entry)}`)]),
    ...((tune.adaptive ?? []).length === 0
      ? []
      : ['Adaptive limiters, the ceiling as their max, against the recommended static setting:', render(adaptiveTable(tune))]),
    ...(sustainable ? [render(sustainable), SUSTAINABLE_RULE] : []),
    ...littleLines(tune),
    ...(tune.target ? [`Measured against your service ${tune.target.method} ${tune.target.url} (not the mock server).`] : []),
    ...(tune.thresholds ?? []).map((report) => {
      const passed = report.results.filter((check) => check.pass).length;
      return `Threshold ${report.expression} on the recommended settings: ${passed === report.results.length ? 'PASS' : 'FAIL'} (${passed} of ${report.results.length})`;
    }),
    ...partial,
    `${tune.points.length} settings measured.`,
  ].join('\n');
}
