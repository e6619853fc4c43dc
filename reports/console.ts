import Table from 'cli-table3';
import type { ResultsFile } from '../results/types.ts';
import { scenarioConclusions } from './conclusions.ts';
import { incompleteBanner } from './incomplete-banner.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';

/** The articles' table on the terminal, one per scenario, with its conclusion. */
export function renderConsole(results: ResultsFile): string {
  const banner = [...(incompleteBanner(results) === undefined ? [] : [incompleteBanner(results) ?? '']), ...targetBanner(results)];
  const tables = results.scenarios
    .map((scenario) => {
      const table = resultsTable(scenario);
      const rendered = new Table({ head: [...table.headers], style: { head: [], border: [] } });
      for (const row of table.rows) rendered.push([...row]);
      const conclusions = scenarioConclusions(scenario).map((line) => `- ${line}`);
      return [
        scenario.title,
        workloadLine(scenario),
        rendered.toString(),
        ...table.notes,
        ...thresholdLines(scenario),
        ...conclusions,
      ].join('\n');
    })
    .join('\n\n');
  return banner.length > 0 ? `${banner.join('\n')}\n\n${tables}` : tables;
}
