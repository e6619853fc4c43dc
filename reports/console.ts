import Table from 'cli-table3';
import type { ResultsFile } from '../harness/results.ts';
import { resultsTable, workloadLine } from './results-table.ts';

/** The articles' table on the terminal, one per scenario. */
export function renderConsole(results: ResultsFile): string {
  return results.scenarios
    .map((scenario) => {
      const table = resultsTable(scenario);
      const rendered = new Table({ head: [...table.headers], style: { head: [], border: [] } });
      for (const row of table.rows) rendered.push([...row]);
      return [scenario.title, workloadLine(scenario), rendered.toString(), ...table.notes].join('\n');
    })
    .join('\n\n');
}
