import { formatBytes, formatRate, formatTimes } from '../common/format.ts';
import type { ResultsFile } from '../results/types.ts';
import type { ModelCost, OverviewRow } from './overview-row.ts';
import { isBaseline } from './runner-facts.ts';
import { verdictLabel } from './verdict-text.ts';

/** The overview's headers, shared by console, Markdown and HTML; the first column is the scenario id. */
export function overviewHeaders(file: Pick<ResultsFile, 'runners'>): string[] {
  const baseline = file.runners.find(isBaseline);
  return [
    'Scenario',
    'Teaches',
    'Verdict',
    'Best goodput',
    baseline === undefined ? 'Speed-up' : `vs ${baseline.id}`,
    'Limit (in flight)',
    "Leaders' cost at their limit (CPU, peak RSS (+ in flight))",
  ];
}

function versus(row: OverviewRow): string {
  if (row.speedUp !== undefined) return formatTimes(row.speedUp);
  return row.best !== undefined && row.best === row.baseline ? 'baseline' : '';
}

/** The leader's limit from results.json, and whether it was found, may lie higher, or was only measured around. */
function limitCell(row: OverviewRow): string {
  const limit = row.leaderLimit;
  if (limit === undefined) return '';
  if (limit.best === undefined) return limit.row ? `${limit.row.concurrency} (measured once)` : '';
  if (limit.best.kind === 'none') return 'none met the thresholds';
  const state = limit.best.tryHigher ? 'try higher' : limit.best.bracketed ? 'bracketed' : 'not bracketed';
  return `${limit.best.concurrency}, ${state}`;
}

function costText(model: ModelCost): string {
  const inFlight = model.inFlightBytes === undefined ? '' : ` (+${formatBytes(model.inFlightBytes)})`;
  return `${model.label} at ${model.concurrency}: ${model.coresUsed.toFixed(2)} cores, ${formatBytes(model.peakRssBytes)}${inFlight}`;
}

export function overviewCells(row: OverviewRow): string[] {
  return [
    row.id,
    row.teaches,
    verdictLabel(row.verdict, row.partial),
    row.best ? formatRate(row.best.throughput.mean) : 'nothing completed',
    versus(row),
    limitCell(row),
    row.leaders.map(costText).join('; '),
  ];
}
