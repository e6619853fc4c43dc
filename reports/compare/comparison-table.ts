import { formatMs, formatRate } from '../../common/format.ts';
import type { Comparison, ComparisonRow } from './compare-results.ts';

export const COMPARISON_HEADERS = [
  'Approach',
  'Throughput base',
  'Throughput new',
  'Change',
  'p99 base',
  'p99 new',
  'p99 change',
  'p (Welch)',
  'Verdict',
] as const;

export function formatChange(change: number): string {
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}

function formatP(row: ComparisonRow): string {
  if (!row.test) return 'n/a';
  return row.test.pValue < 0.001 ? '<0.001' : row.test.pValue.toFixed(3);
}

export function comparisonCells(row: ComparisonRow): string[] {
  return [
    row.shape,
    formatRate(row.base.throughput.mean),
    formatRate(row.current.throughput.mean),
    formatChange(row.throughputChange),
    formatMs(row.base.latencyMs.p99),
    formatMs(row.current.latencyMs.p99),
    formatChange(row.p99Change),
    formatP(row),
    row.verdict,
  ];
}

/** Rows grouped per scenario, in the order the new run has them. */
export function byScenario(comparison: Comparison): { id: string; title: string; rows: ComparisonRow[] }[] {
  const groups = new Map<string, { id: string; title: string; rows: ComparisonRow[] }>();
  for (const row of comparison.rows) {
    const group = groups.get(row.scenarioId) ?? { id: row.scenarioId, title: row.scenarioTitle, rows: [] };
    group.rows.push(row);
    groups.set(row.scenarioId, group);
  }
  return [...groups.values()];
}
