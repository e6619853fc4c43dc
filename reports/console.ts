import Table from 'cli-table3';
import type { ResultsFile } from '../results/types.ts';
import { scenarioConclusions } from './conclusions.ts';
import { incompleteBanner } from './incomplete-banner.ts';
import { overview } from './overview.ts';
import { OVERVIEW_HEADERS, overviewCells } from './overview-table.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';
import { closedLoopView, openLoopTable } from './open-loop-table.ts';

function consoleTable(headers: readonly string[], rows: readonly (readonly string[])[], colWidths?: readonly (number | null)[]): string {
  const layout = colWidths ? { colWidths: [...colWidths], wordWrap: true } : {};
  const rendered = new Table({ head: [...headers], style: { head: [], border: [] }, ...layout });
  for (const row of rows) rendered.push([...row]);
  return rendered.toString();
}

/** Wrapped columns keep the overview within about 150 characters; null sizes a column to its content. */
const OVERVIEW_WIDTHS = [null, 22, 34, null, null, null, 40] as const;

/** The overview last, where the terminal leaves it in view: one row per scenario, then the advice. */
export function renderConsoleOverview(results: ResultsFile): string {
  const { rows, advice } = overview(results);
  return [
    'Overview: which model, what limit',
    consoleTable(
      OVERVIEW_HEADERS,
      rows.map((row) => overviewCells(row).map((cell, c) => (c === OVERVIEW_HEADERS.length - 1 ? cell.replaceAll('; ', '\n') : cell))),
      OVERVIEW_WIDTHS,
    ),
    ...advice.map((line) => `- ${line}`),
  ].join('\n');
}

/** The articles' table on the terminal, one per scenario, with its conclusion; the overview closes it. */
export function renderConsole(results: ResultsFile): string {
  const banner = [...(incompleteBanner(results) === undefined ? [] : [incompleteBanner(results) ?? '']), ...targetBanner(results)];
  const sections = results.scenarios.map((all) => {
    const open = openLoopTable(all);
    const scenario = closedLoopView(all);
    const closed = scenario.results.length > 0;
    const table = resultsTable(scenario);
    return [
      scenario.title,
      ...(closed ? [workloadLine(scenario), consoleTable(table.headers, table.rows), ...table.notes] : []),
      ...(open ? [consoleTable(open.headers, open.rows), ...open.notes] : []),
      ...thresholdLines(all),
      ...(closed ? scenarioConclusions(scenario).map((line) => `- ${line}`) : []),
    ].join('\n');
  });
  return [...(banner.length > 0 ? [banner.join('\n')] : []), ...sections, renderConsoleOverview(results)].join('\n\n');
}
