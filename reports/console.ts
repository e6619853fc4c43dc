import Table from 'cli-table3';
import type { ResultsFile } from '../results/types.ts';
import { scenarioConclusions } from './conclusions.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';
import { closedLoopView, openLoopTable } from './open-loop-table.ts';

/** The articles' table on the terminal, one per scenario, with its conclusion. */
export function renderConsole(results: ResultsFile): string {
  const banner = targetBanner(results);
  const tables = results.scenarios
    .map((all) => {
      const open = openLoopTable(all);
      const scenario = closedLoopView(all);
      const table = resultsTable(scenario);
      const rendered = new Table({ head: [...table.headers], style: { head: [], border: [] } });
      for (const row of table.rows) rendered.push([...row]);
      const conclusions = scenario.results.length > 0 ? scenarioConclusions(scenario).map((line) => `- ${line}`) : [];
      return [
        scenario.title,
        ...(scenario.results.length > 0 ? [workloadLine(scenario), rendered.toString(), ...table.notes] : []),
        ...(open ? [renderOpen(open)] : []),
        ...thresholdLines(all),
        ...conclusions,
      ].join('\n');
    })
    .join('\n\n');
  return banner.length > 0 ? `${banner.join('\n')}\n\n${tables}` : tables;
}

function renderOpen(open: NonNullable<ReturnType<typeof openLoopTable>>): string {
  const rendered = new Table({ head: [...open.headers], style: { head: [], border: [] } });
  for (const row of open.rows) rendered.push([...row]);
  return [rendered.toString(), ...open.notes].join('\n');
}
