import { createHash } from 'node:crypto';
import type { ResultsFile, ScenarioResults } from '../harness/results.ts';
import { reportCharts, scenarioCharts, type ChartSpec } from './chart-configs.ts';
import { chartJsSource } from './chartjs-source.ts';
import { scenarioConclusions } from './conclusions.ts';
import { environmentFacts } from './environment-facts.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { bootScript, REPORT_STYLE } from './html-assets.ts';
import { resultsTable, workloadLine } from './results-table.ts';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

function tableHtml(scenario: ScenarioResults): string {
  const table = resultsTable(scenario);
  const head = `<tr>${table.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = table.rows
    .map((row, r) => `<tr>${row.map((cell, c) => (table.best[r]?.[c] ? `<td class="best">${escapeHtml(cell)}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
    .join('\n');
  const notes = table.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n');
  return `<div class="table-wrap"><table class="results">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n${notes}`;
}

function conclusionHtml(scenario: ScenarioResults): string {
  const items = scenarioConclusions(scenario).map((line) => `<li>${escapeHtml(line)}</li>`).join('\n');
  return `<div class="conclusion"><h3>Conclusion</h3><ul>\n${items}\n</ul></div>`;
}

function chartHtml(spec: ChartSpec): string {
  return `<div class="chart"><canvas id="chart-${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></div>`;
}

function manifestHtml(results: ResultsFile): string {
  const rows = environmentFacts(results).map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl class="manifest">\n${rows.join('\n')}\n</dl>`;
}

function scenarioHtml(scenario: ScenarioResults, cores: number): string {
  const charts = scenarioCharts(scenario, { cores });
  return [
    `<section id="scenario-${escapeHtml(scenario.id)}">`,
    `<h2>${escapeHtml(scenario.title)}</h2>`,
    `<p>${escapeHtml(scenario.description)}</p>`,
    `<p class="workload">${escapeHtml(workloadLine(scenario))}</p>`,
    tableHtml(scenario),
    conclusionHtml(scenario),
    charts.length > 0 ? `<div class="charts">\n${charts.map(chartHtml).join('\n')}\n</div>` : '',
    `</section>`,
  ].join('\n');
}

/** index.html: one self-contained file (chart.js and data inlined), a CSP that forbids any network access. */
export function renderHtml(results: ResultsFile): string {
  const library = chartJsSource();
  const boot = bootScript();
  const csp = `default-src 'none'; script-src ${sha256(library)} ${sha256(boot)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const sections = results.scenarios.map((scenario) => scenarioHtml(scenario, results.environment.cores)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>concurrency-bench report</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>concurrency-bench report</h1>
${manifestHtml(results)}
${results.run.complete ? '' : '<p class="partial">This run was interrupted: the report shows what was measured until then.</p>'}
</header>
${sections}
<script type="application/json" id="chart-specs">${jsonForScript(reportCharts(results))}</script>
<script>${library}</script>
<script type="module">${boot}</script>
</body>
</html>
`;
}
