import Table from 'cli-table3';
import type { TuneFile } from '../../harness/tune/types.ts';
import { SUSTAINABLE_RULE, sustainableTable } from './sustainable-table.ts';
import { adaptiveTable, limitsLine, recommendationTable, type TextTable } from './tune-table.ts';

function render(table: TextTable): string {
  const rendered = new Table({ head: [...table.headers], style: { head: [], border: [] } });
  for (const row of table.rows) rendered.push([...row]);
  return rendered.toString();
}

/** The recommendations on the terminal, each with the sentence that says why. */
export function renderTuneConsole(tune: TuneFile): string {
  const table = recommendationTable(tune);
  const rendered = new Table({ head: [...table.headers], style: { head: [], border: [] } });
  for (const row of table.rows) rendered.push([...row]);
  const reasons = tune.recommendations.map((entry) => `- ${entry.runner}: ${entry.reason}`);
  const partial = tune.run.complete ? [] : ['Interrupted: the recommendations use what was measured until then.'];
  const sustainable = sustainableTable(tune);
  const open = sustainable ? new Table({ head: [...sustainable.headers], style: { head: [], border: [] } }) : undefined;
  for (const row of sustainable?.rows ?? []) open?.push([...row]);
  return [
    `Tuning ${tune.scenario.title}`,
    limitsLine(tune),
    rendered.toString(),
    ...reasons,
    ...((tune.adaptive ?? []).length === 0
      ? []
      : ['Adaptive limiters, the ceiling as their max, against the recommended static setting:', render(adaptiveTable(tune))]),
    ...(open ? [open.toString(), SUSTAINABLE_RULE] : []),
    ...(tune.target ? [`Measured against your service ${tune.target.method} ${tune.target.url} (not the mock server).`] : []),
    ...(tune.thresholds ?? []).map((report) => {
      const passed = report.results.filter((check) => check.pass).length;
      return `Threshold ${report.expression} on the recommended settings: ${passed === report.results.length ? 'PASS' : 'FAIL'} (${passed} of ${report.results.length})`;
    }),
    ...partial,
    `${tune.points.length} settings measured.`,
  ].join('\n');
}
