import Table from 'cli-table3';
import type { Comparison, ScenarioComparison } from '../../results/comparison.ts';
import { comparisonHeadline } from './comparison-headline.ts';
import { COMPARISON_HEADERS, comparisonCells } from './comparison-table.ts';
import { falsePositiveLines, METHOD_NOTE } from './false-positives-text.ts';
import { notComparedLine } from './not-compared-text.ts';
import { incompleteLine, setupDifferenceLine, setupHeadline } from './setup-text.ts';

/** The set-up first: what differs between the runs (or that nothing does), and whether a run was cut short. */
function setupConsoleLines(comparison: Comparison): string[] {
  const incomplete = incompleteLine(comparison.setup);
  return [
    setupHeadline(comparison.setup),
    ...comparison.setup.differences.map((difference) => `  ${setupDifferenceLine(difference)}`),
    ...(incomplete === undefined ? [] : [incomplete]),
  ];
}

function scenarioSection(scenario: ScenarioComparison): string {
  const lines = [scenario.title];
  if (scenario.rows.length > 0) {
    const table = new Table({ head: [...COMPARISON_HEADERS], style: { head: [], border: [] } });
    for (const row of scenario.rows) table.push(comparisonCells(row));
    lines.push(table.toString());
  }
  const leftOut = notComparedLine(scenario.notCompared);
  if (leftOut !== undefined) lines.push(leftOut);
  return lines.join('\n');
}

/** The comparison on the terminal: the set-up, one table per scenario, compare.R's footer, then the headline. */
export function renderComparisonConsole(comparison: Comparison): string {
  const compared = comparison.scenarios.some((scenario) => scenario.rows.length > 0);
  return [
    ...setupConsoleLines(comparison),
    '',
    ...comparison.scenarios.map(scenarioSection),
    ...(compared ? [] : ['No results matched on scenario, runner, limiter, layout, concurrency and rate.']),
    '',
    METHOD_NOTE,
    '',
    ...falsePositiveLines(comparison.falsePositives),
    '',
    comparisonHeadline(comparison).sentence,
  ].join('\n');
}
