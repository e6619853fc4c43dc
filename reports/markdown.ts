import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import { ARTICLE_SCENARIO_ID, articlesComparison } from './articles-comparison.ts';
import { scenarioConclusions } from './conclusions.ts';
import { environmentFacts } from './environment-facts.ts';
import { incompleteBanner } from './incomplete-banner.ts';
import { overview } from './overview.ts';
import { overviewCells, overviewHeaders } from './overview-table.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import type { Table } from './table.ts';
import { limitRuleText } from './tune-pointer.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';
import { closedLoopView, openLoopTable } from './open-loop-table.ts';

/**
 * One line of Markdown text: pipes cannot end a cell, and `<` cannot open raw HTML where the file is pasted. Inside a
 * `code span` a `<` is shown as it is (no HTML there), so a command keeps its `<id>`.
 */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;')))
    .join('');
}

export function markdownTable(
  table: Pick<Table, 'headers' | 'rows'> & { readonly best?: Table['best'] },
  align: 'numbers' | 'text' = 'numbers',
): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rows = table.rows.map((row, r) => row.map((value, c) => (table.best?.[r]?.[c] && value ? `**${value}**` : value)));
  const rule = table.headers.map((_, c) => (c === 0 || align === 'text' ? '---' : '---:'));
  return [line(table.headers), line(rule), ...rows.map(line)].join('\n');
}

function overviewMarkdown(results: ResultsFile): string[] {
  const { rows, advice } = overview(results);
  return [
    '## Overview: which model, what limit',
    '',
    markdownTable({ headers: overviewHeaders(results), rows: rows.map(overviewCells) }, 'text'),
    ...(advice.length ? ['', ...advice.map((line) => `- ${cell(line)}`)] : []),
    '',
    cell(limitRuleText(results)),
  ];
}

function articlesMarkdown(scenario: ScenarioResults, results: ResultsFile): string[] {
  if (scenario.id !== ARTICLE_SCENARIO_ID) return [];
  const table = articlesComparison(scenario, results.runners, results.environment);
  return ['', "**The articles' table beside ours**", '', markdownTable(table), ...table.notes.flatMap((note) => ['', `> ${cell(note)}`])];
}

/** summary.md: the tables and conclusions, ready to paste into a pull request or README. */
export function renderMarkdown(results: ResultsFile): string {
  const facts = environmentFacts(results).filter(([label]) => label !== 'Finished' && label !== 'Tool');
  const header = [
    '# concurrency-bench results',
    '',
    facts.map(([label, value]) => `${label}: ${cell(value)}`).join(' · '),
    ...(results.run.complete ? [] : ['', `> **${cell(incompleteBanner(results) ?? '')}**`]),
    ...targetBanner(results).flatMap((line) => ['', `> ${cell(line)}`]),
  ];
  const sections = results.scenarios.map((all) => {
    const scenario = closedLoopView(all);
    const table = resultsTable(scenario, results.runners);
    const open = openLoopTable(all);
    const closed = scenario.results.length > 0;
    return [
      `## ${cell(scenario.title)}`,
      '',
      cell(scenario.description),
      ...(closed ? ['', `_${cell(workloadLine(scenario))}_`, '', markdownTable(table)] : []),
      ...(closed ? table.notes.flatMap((note) => ['', `> ${cell(note)}`]) : []),
      ...(closed && table.warnings.length ? ['', '**Warnings**', '', ...table.warnings.map((line) => `- ${cell(line)}`)] : []),
      ...(open ? ['', markdownTable(open), '', ...open.notes.map((note) => `> ${cell(note)}`)] : []),
      ...thresholdLines(all).flatMap((line) => ['', cell(line)]),
      ...(closed ? articlesMarkdown(scenario, results) : []),
      ...(closed ? ['', '**Conclusion**', '', ...scenarioConclusions(scenario, results).map((line) => `- ${cell(line)}`)] : []),
    ].join('\n');
  });
  return `${[...header, '', ...overviewMarkdown(results), '', 'Best value per column in **bold**.', '', ...sections].join('\n')}\n`;
}
