import { formatRate } from '../common/format.ts';
import { TARGET_SCENARIO_ID } from '../results/target-scenario.ts';
import type { CompletedResult, ScenarioResults } from '../results/types.ts';
import type { Column } from './table.ts';

/** pass, or fail naming the thresholds this result broke. */
function thresholdCell(scenario: ScenarioResults, result: CompletedResult): string {
  const broken = (scenario.thresholds ?? [])
    .filter((report) =>
      report.results.some(
        (check) =>
          check.runner === result.runner && check.limiter === result.limiter && check.concurrency === result.concurrency && !check.pass,
      ),
    )
    .map((report) => report.expression);
  return broken.length === 0 ? 'pass' : `fail: ${broken.join(', ')}`;
}

/**
 * Columns some runs add to the results table: Little's law beside the goodput of a --target run (there is no ideal
 * there to compare with), and pass/fail when --threshold was given.
 */
export function extraColumns(scenario: ScenarioResults): Column[] {
  const columns: Column[] = [];
  if (scenario.id === TARGET_SCENARIO_ID)
    columns.push({
      header: "Little's law",
      cell: (result) => (result.littleThroughput === undefined ? '' : formatRate(result.littleThroughput)),
    });
  if (scenario.thresholds !== undefined && scenario.thresholds.length > 0)
    columns.push({ header: 'Thresholds', cell: (result) => thresholdCell(scenario, result) });
  return columns;
}

/** One line per threshold: how many results passed it. */
export function thresholdLines(scenario: ScenarioResults): string[] {
  return (scenario.thresholds ?? []).map((report) => {
    const failed = report.results.filter((check) => !check.pass).length;
    return `Threshold ${report.expression}: ${failed === 0 ? 'pass' : 'FAIL'} (${report.results.length - failed} of ${report.results.length} results pass)`;
  });
}
