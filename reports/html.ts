import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import { ARTICLE_SCENARIO_ID, articlesComparison } from './articles-comparison.ts';
import { chartContext, reportCharts, scenarioCharts } from './chart-configs.ts';
import { scenarioConclusions } from './conclusions.ts';
import { environmentFacts } from './environment-facts.ts';
import { escapeHtml, proseHtml } from './escape.ts';
import { incompleteBanner } from './incomplete-banner.ts';
import { backLinkHtml, ENVIRONMENT_ID, navHtml, overviewHtml, sectionId } from './overview-html.ts';
import { chartCanvasHtml, chartPage, manifestHtml, tableHtml } from './page.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';
import { closedLoopView, openLoopTable } from './open-loop-table.ts';

/** The results table's columns of text rather than figures: they wrap, so thirteen columns fit a 1,400 px page. */
const WRAPPING = new Set(['Approach', 'Thresholds']);

function notesHtml(notes: readonly string[]): string {
  return notes.map((note) => `<p class="note">${proseHtml(note)}</p>`).join('\n');
}

function resultsTableHtml(all: ScenarioResults, results: ResultsFile): string {
  const open = openLoopTable(all);
  const openHtml = open ? `\n${tableHtml(open.headers, open.rows, open.best)}\n${notesHtml(open.notes)}` : '';
  const scenario = closedLoopView(all);
  if (scenario.results.length === 0) return `${openHtml}\n${notesHtml(thresholdLines(all))}`;
  return `${closedTableHtml(scenario, results)}${openHtml}`;
}

function warningsHtml(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n');
  return `<div class="warnings"><h3>Warnings</h3><ul>\n${items}\n</ul></div>`;
}

function closedTableHtml(scenario: ScenarioResults, results: ResultsFile): string {
  const table = resultsTable(scenario, results.runners);
  const notes = notesHtml([...table.notes, ...thresholdLines(scenario)]);
  return `${tableHtml(table.headers, table.rows, table.best, undefined, WRAPPING)}\n${notes}\n${warningsHtml(table.warnings)}`;
}

function conclusionHtml(all: ScenarioResults, results: ResultsFile): string {
  const scenario = closedLoopView(all);
  if (scenario.results.length === 0) return '';
  const items = scenarioConclusions(scenario, results)
    .map((line) => `<li>${proseHtml(line)}</li>`)
    .join('\n');
  return `<div class="conclusion"><h3>Conclusion</h3><ul>\n${items}\n</ul></div>`;
}

function articlesHtml(scenario: ScenarioResults, results: ResultsFile): string {
  if (scenario.id !== ARTICLE_SCENARIO_ID) return '';
  const table = articlesComparison(scenario, results.runners, results.environment);
  return [
    `<div class="articles" id="articles-table"><h3>The articles' table beside ours</h3>`,
    tableHtml(
      table.headers,
      table.rows,
      undefined,
      "The articles' quoted figures, their Python models measured here, and Node.js measured here: all at 1,000 requests",
    ),
    `${notesHtml(table.notes)}</div>`,
  ].join('\n');
}

function scenarioHtml(scenario: ScenarioResults, results: ResultsFile): string {
  const charts = scenarioCharts(scenario, chartContext(results));
  return [
    `<section id="${escapeHtml(sectionId(scenario))}" class="scenario">`,
    `<h2>${escapeHtml(scenario.title)}</h2>`,
    `<p>${escapeHtml(scenario.description)}</p>`,
    `<p class="workload">${escapeHtml(workloadLine(scenario))}</p>`,
    resultsTableHtml(scenario, results),
    articlesHtml(scenario, results),
    conclusionHtml(scenario, results),
    charts.length > 0 ? `<div class="charts">\n${charts.map(chartCanvasHtml).join('\n')}\n</div>` : '',
    backLinkHtml(),
    `</section>`,
  ].join('\n');
}

/** One line under the title: where it ran, so the overview can be read without scrolling to the manifest. */
function hostLine(results: ResultsFile): string {
  const env = results.environment;
  return `Node ${env.node} on ${env.cpuModel}, ${env.cores} cores · profile ${results.run.profile} · started ${results.run.startedAt}`;
}

/** index.html: the overview first, then one section per scenario; self-contained, with a CSP that forbids any network access. */
export function renderHtml(results: ResultsFile): string {
  const banner = incompleteBanner(results);
  const partial = banner ? `\n<p class="partial">${escapeHtml(banner)}</p>` : '';
  return chartPage({
    title: 'concurrency-bench report',
    header: `<h1>concurrency-bench report</h1>\n<p class="workload">${escapeHtml(hostLine(results))}</p>${partial}${targetBanner(results)
      .map((line) => `\n<p class="target">${escapeHtml(line)}</p>`)
      .join('')}`,
    body: [
      navHtml(results),
      overviewHtml(results),
      ...results.scenarios.map((scenario) => scenarioHtml(scenario, results)),
      `<section id="${ENVIRONMENT_ID}" class="environment">\n<h2>Environment</h2>\n${manifestHtml(environmentFacts(results))}\n${backLinkHtml()}\n</section>`,
    ].join('\n'),
    charts: reportCharts(results),
  });
}
