import { formatBytes, formatRate, formatTimes } from '../common/format.ts';
import type { OverviewRow } from './overview-row.ts';
import { verdictLabel } from './verdict-text.ts';

/** The overview as text cells, shared by console, Markdown and HTML; the first column is the scenario id. */
export const OVERVIEW_HEADERS = [
  'Scenario',
  'Teaches',
  'Verdict',
  'Best throughput',
  'vs sequential',
  'Best in flight',
  "Leaders' cost (CPU, memory)",
] as const;

function versus(row: OverviewRow): string {
  if (row.speedUp !== undefined) return formatTimes(row.speedUp);
  return row.best?.runner === 'sequential' ? 'baseline' : '';
}

export function overviewCells(row: OverviewRow): string[] {
  const cost = row.leaders
    .map((leader) => `${leader.label} ${leader.coresUsed.toFixed(2)} cores, ${formatBytes(leader.peakRssBytes)}`)
    .join('; ');
  return [
    row.id,
    row.teaches,
    verdictLabel(row.verdict),
    row.best ? formatRate(row.best.throughput.mean) : 'nothing completed',
    versus(row),
    row.best ? String(row.best.concurrency) : '',
    cost,
  ];
}
