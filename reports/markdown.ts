import type { ResultsFile } from '../harness/results.ts';
import { resultsTable, workloadLine, type Table } from './results-table.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdownTable(table: Table): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(table.headers), line(table.headers.map(() => '---')), ...table.rows.map(line)].join('\n');
}

/** summary.md: the tables ready to paste into a pull request or README. */
export function renderMarkdown(results: ResultsFile): string {
  const env = results.environment;
  const header = [
    '# concurrency-bench results',
    '',
    `Node ${env.node} on ${env.platform}/${env.arch}, ${env.cpuModel}, ${env.cores} cores; profile \`${results.run.profile}\`, started ${results.run.startedAt}${results.run.complete ? '' : ' (interrupted: partial results)'}.`,
  ];
  const sections = results.scenarios.map((scenario) =>
    {
      const table = resultsTable(scenario);
      return [`## ${cell(scenario.title)}`, '', cell(scenario.description), '', `_${workloadLine(scenario)}_`, '', markdownTable(table), ...(table.notes.length ? ['', ...table.notes.map((n) => `> ${cell(n)}`)] : [])].join('\n');
    },
  );
  return `${[...header, '', ...sections].join('\n')}\n`;
}
