import { formatRate } from '../common/format.ts';
import { TARGET_SCENARIO_ID } from '../harness/target/target-plan.ts';
import type { RunnerResult, ScenarioResults } from '../results/types.ts';

/** The shape of results-table.ts's Table (declared here: that file imports this one). */
interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly best: readonly (readonly boolean[])[];
  readonly notes: readonly string[];
}

function littleCell(result: RunnerResult): string {
  return result.state === 'completed' && result.littleThroughput !== undefined ? formatRate(result.littleThroughput) : '';
}

/** pass, or fail naming the thresholds this result broke. */
function thresholdCell(scenario: ScenarioResults, result: RunnerResult): string {
  if (result.state !== 'completed') return '';
  const broken = (scenario.thresholds ?? [])
    .filter((report) =>
      report.results.some((check) => check.runner === result.runner && check.concurrency === result.concurrency && !check.pass),
    )
    .map((report) => report.expression);
  return broken.length === 0 ? 'pass' : `fail: ${broken.join(', ')}`;
}

/**
 * Columns some runs add to the results table: Little's law beside the throughput of a --target run (there is no
 * ideal there to compare with), and pass/fail when --threshold was given.
 */
export function withExtraColumns<T extends Table>(scenario: ScenarioResults, table: T): T {
  const columns: { header: string; cell: (result: RunnerResult) => string }[] = [];
  if (scenario.id === TARGET_SCENARIO_ID) columns.push({ header: "Little's law", cell: littleCell });
  if (scenario.thresholds !== undefined && scenario.thresholds.length > 0)
    columns.push({ header: 'Thresholds', cell: (result) => thresholdCell(scenario, result) });
  if (columns.length === 0) return table;
  return {
    ...table,
    headers: [...table.headers, ...columns.map((column) => column.header)],
    rows: table.rows.map((row, r) => {
      const result = scenario.results[r];
      return [...row, ...columns.map((column) => (result === undefined ? '' : column.cell(result)))];
    }),
    best: table.best.map((row) => [...row, ...columns.map(() => false)]),
    notes: table.notes,
  };
}

/** One line per threshold: how many results passed it. */
export function thresholdLines(scenario: ScenarioResults): string[] {
  return (scenario.thresholds ?? []).map((report) => {
    const failed = report.results.filter((check) => !check.pass).length;
    return `Threshold ${report.expression}: ${failed === 0 ? 'pass' : 'FAIL'} (${report.results.length - failed} of ${report.results.length} results pass)`;
  });
}
