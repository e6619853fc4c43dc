import { createHash } from 'node:crypto';
import type { ResultsFile, ScenarioResults } from '../harness/results.ts';
import { scenarioCharts, type ChartSpec } from './chart-configs.ts';
import { chartJsSource } from './chartjs-source.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { formatBytes } from './format.ts';
import { resultsTable, workloadLine } from './results-table.ts';

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d1d1f}
h1{font-size:1.6em;margin:0 0 .2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:1em 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #ddd;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#f5f5f7}.env{color:#555;font-size:.9em}.chart{position:relative;height:340px;margin:1em 0}
.partial{background:#fff3cd;padding:8px 12px;border:1px solid #e0c36a}.note{color:#8a5a00;font-size:.9em;margin:.2em 0}
@media print{.chart{page-break-inside:avoid}body{max-width:none}}
`;

// Draws every chart from the embedded specs; the data never passes through innerHTML.
const BOOT = `
const specs = JSON.parse(document.getElementById('chart-specs').textContent);
for (const spec of specs) {
  const canvas = document.getElementById('chart-' + spec.id);
  if (canvas) new Chart(canvas, Object.assign({}, spec.config, { options: Object.assign({}, spec.config.options, { responsive: true, maintainAspectRatio: false }) }));
}
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

function tableHtml(scenario: ScenarioResults): string {
  const table = resultsTable(scenario);
  const head = `<tr>${table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const notes = table.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${notes}`;
}

function chartHtml(spec: ChartSpec): string {
  return `<div class="chart"><canvas id="chart-${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></div>`;
}

function environmentHtml(results: ResultsFile): string {
  const env = results.environment;
  const packages = Object.entries(env.packages).map(([name, version]) => `${name} ${version}`).join(', ');
  const facts = [
    `Node ${env.node} (V8 ${env.v8})`,
    `${env.platform} ${env.release} ${env.arch}`,
    `${env.cpuModel}, ${env.cores} cores, ${formatBytes(env.memoryBytes)}`,
    packages,
    env.gitCommit ? `commit ${env.gitCommit}` : undefined,
    `profile ${results.run.profile}`,
    results.run.seed === undefined ? undefined : `seed ${results.run.seed}`,
    `started ${results.run.startedAt}`,
  ].filter((fact): fact is string => fact !== undefined);
  return `<p class="env">${facts.map(escapeHtml).join(' · ')}</p>`;
}

/** index.html: one self-contained file (chart.js and data inlined), a CSP that forbids any network access. */
export function renderHtml(results: ResultsFile): string {
  const charts = results.scenarios.flatMap(scenarioCharts);
  const library = chartJsSource();
  const csp = `default-src 'none'; script-src ${sha256(library)} ${sha256(BOOT)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const sections = results.scenarios
    .map((scenario) => {
      const specs = scenarioCharts(scenario);
      return [
        `<section id="scenario-${escapeHtml(scenario.id)}">`,
        `<h2>${escapeHtml(scenario.title)}</h2>`,
        `<p>${escapeHtml(scenario.description)}</p>`,
        `<p class="env">${escapeHtml(workloadLine(scenario))}</p>`,
        tableHtml(scenario),
        ...specs.map(chartHtml),
        `</section>`,
      ].join('\n');
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>concurrency-bench report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>concurrency-bench report</h1>
${environmentHtml(results)}
${results.run.complete ? '' : '<p class="partial">This run was interrupted: the report shows what was measured until then.</p>'}
${sections}
<script type="application/json" id="chart-specs">${jsonForScript(charts)}</script>
<script>${library}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}
