import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import { reportCharts, scenarioCharts } from './chart-configs.ts';
import { scenarioConclusions } from './conclusions.ts';
import { environmentFacts } from './environment-facts.ts';
import { escapeHtml } from './escape.ts';
import { chartCanvasHtml, chartPage, manifestHtml, tableHtml } from './page.ts';
import { resultsTable, workloadLine } from './results-table.ts';
import { targetBanner } from './target-banner.ts';
import { thresholdLines } from './target-columns.ts';
import { closedLoopView, openLoopTable } from './open-loop-table.ts';

function resultsTableHtml(all: ScenarioResults): string {
  const open = openLoopTable(all);
  const openHtml = open
    ? `\n${tableHtml(open.headers, open.rows, open.best)}\n${open.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n')}`
    : '';
  const scenario = closedLoopView(all);
  if (scenario.results.length === 0)
    return `${openHtml}\n${thresholdLines(all)
      .map((note) => `<p class="note">${escapeHtml(note)}</p>`)
      .join('\n')}`;
  return `${closedTableHtml(scenario)}${openHtml}`;
}

function closedTableHtml(scenario: ScenarioResults): string {
  const table = resultsTable(scenario);
  const notes = [...table.notes, ...thresholdLines(scenario)].map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n');
  return `${tableHtml(table.headers, table.rows, table.best)}\n${notes}`;
}

function conclusionHtml(all: ScenarioResults): string {
  const scenario = closedLoopView(all);
  if (scenario.results.length === 0) return '';
  const items = scenarioConclusions(scenario)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('\n');
  return `<div class="conclusion"><h3>Conclusion</h3><ul>\n${items}\n</ul></div>`;
}

function scenarioHtml(scenario: ScenarioResults, cores: number): string {
  const charts = scenarioCharts(scenario, { cores });
  return [
    `<section id="scenario-${escapeHtml(scenario.id)}">`,
    `<h2>${escapeHtml(scenario.title)}</h2>`,
    `<p>${escapeHtml(scenario.description)}</p>`,
    `<p class="workload">${escapeHtml(workloadLine(scenario))}</p>`,
    resultsTableHtml(scenario),
    conclusionHtml(scenario),
    charts.length > 0 ? `<div class="charts">\n${charts.map(chartCanvasHtml).join('\n')}\n</div>` : '',
    `</section>`,
  ].join('\n');
}

/** index.html: one self-contained file (chart.js and data inlined), a CSP that forbids any network access. */
export function renderHtml(results: ResultsFile): string {
  const partial = results.run.complete
    ? ''
    : '\n<p class="partial">This run was interrupted: the report shows what was measured until then.</p>';
  return chartPage({
    title: 'concurrency-bench report',
    header: `<h1>concurrency-bench report</h1>\n${manifestHtml(environmentFacts(results))}${partial}${targetBanner(results)
      .map((line) => `\n<p class="target">${escapeHtml(line)}</p>`)
      .join('')}`,
    body: results.scenarios.map((scenario) => scenarioHtml(scenario, results.environment.cores)).join('\n'),
    charts: reportCharts(results),
  });
}
