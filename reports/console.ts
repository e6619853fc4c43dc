import Table from 'cli-table3';
import type { ResultsFile } from '../results/types.ts';
import { scenarioConclusions } from './conclusions.ts';
import { incompleteBanner } from './incomplete-banner.ts';
import { closedLoopView, openLoopTable } from './open-loop-table.ts';
import { overview } from './overview.ts';
import { overviewCells, overviewHeaders } from './overview-table.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';
import { wrapText } from './wrap.ts';

/** The widest line the overview prints: it must read on a 120-column terminal. */
const CONSOLE_WIDTH = 120;

function consoleTable(headers: readonly string[], rows: readonly (readonly string[])[], colWidths?: readonly number[]): string {
  const layout = colWidths ? { colWidths: [...colWidths], wordWrap: true } : {};
  const rendered = new Table({ head: [...headers], style: { head: [], border: [] }, ...layout });
  for (const row of rows) rendered.push([...row]);
  return rendered.toString();
}

/**
 * Fixed widths (padding included) that add up, with the 7 borders, to CONSOLE_WIDTH: the scenario's id and what it
 * teaches, the verdict, best goodput, speed-up, limit, and the leaders' cost taking what is left.
 */
const OVERVIEW_WIDTHS = [20, 24, 13, 12, 13] as const;
const COST_WIDTH = CONSOLE_WIDTH - (OVERVIEW_WIDTHS.length + 2) - OVERVIEW_WIDTHS.reduce((sum: number, width) => sum + width, 0);

/** The overview last, where the terminal leaves it in view: one row per scenario, then the advice. */
export function renderConsoleOverview(results: ResultsFile): string {
  const { rows, advice } = overview(results);
  const [scenario = '', , ...rest] = overviewHeaders(results);
  const cells = rows.map((row) => {
    const [id = '', teaches = '', ...others] = overviewCells(row);
    const cost = others.pop() ?? '';
    return [`${id}\n${teaches}`, ...others, cost.replaceAll('; ', '\n')];
  });
  return [
    'Overview: which model, what limit',
    consoleTable([scenario, ...rest], cells, [...OVERVIEW_WIDTHS, COST_WIDTH]),
    ...advice.flatMap((line) => wrapText(line, CONSOLE_WIDTH, '- ')),
  ].join('\n');
}

/** The articles' table on the terminal, one per scenario, with its conclusion; the overview closes it. */
export function renderConsole(results: ResultsFile): string {
  const incomplete = incompleteBanner(results);
  const banner = [...(incomplete === undefined ? [] : [incomplete]), ...targetBanner(results)];
  const sections = results.scenarios.map((all) => {
    const open = openLoopTable(all);
    const scenario = closedLoopView(all);
    const closed = scenario.results.length > 0;
    const table = resultsTable(scenario, results.runners);
    return [
      scenario.title,
      ...(closed ? [workloadLine(scenario), consoleTable(table.headers, table.rows), ...table.notes, ...table.warnings] : []),
      ...(open ? [consoleTable(open.headers, open.rows), ...open.notes] : []),
      ...thresholdLines(all),
      ...(closed ? scenarioConclusions(scenario, results).map((line) => `- ${line}`) : []),
    ].join('\n');
  });
  return [...(banner.length > 0 ? [banner.join('\n')] : []), ...sections, renderConsoleOverview(results)].join('\n\n');
}
