import Table from 'cli-table3';
import { SIGNIFICANCE, type Comparison } from './compare-results.ts';
import { comparisonHeadline } from './comparison-headline.ts';
import { byScenario, COMPARISON_HEADERS, comparisonCells } from './comparison-table.ts';

/** The comparison on the terminal: one table per scenario, then what could not be matched. */
export function renderComparisonConsole(comparison: Comparison): string {
  const sections = byScenario(comparison).map((group) => {
    const table = new Table({ head: [...COMPARISON_HEADERS], style: { head: [], border: [] } });
    for (const row of group.rows) table.push(comparisonCells(row));
    return `${group.title}\n${table.toString()}`;
  });
  const lines = [
    ...sections,
    `Verdicts: Welch's t-test on throughput per iteration, two-sided, significant at p < ${SIGNIFICANCE}. p99 changes are shown without a test (one value per run).`,
    ...comparison.unmatched.map((u) => `Not compared: ${u.scenarioId} ${u.shape} (${u.reason})`),
    ...comparison.caveats.map((caveat) => `Note: ${caveat}`),
  ];
  if (comparison.rows.length === 0) lines.unshift('No results matched on scenario, runner and concurrency.');
  else lines.push(comparisonHeadline(comparison).sentence);
  return lines.join('\n');
}
