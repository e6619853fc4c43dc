import { createHash } from 'node:crypto';
import type { TuneFile } from '../../harness/tune/types.ts';
import type { ChartSpec } from '../charts/chart-spec.ts';
import { chartJsSource } from '../chartjs-source.ts';
import { escapeHtml, jsonForScript } from '../escape.ts';
import { formatBytes } from '../format.ts';
import { bootScript, REPORT_STYLE } from '../html-assets.ts';
import type { RunnerId } from '../../runners/types.ts';
import { tuneChart, tunedRunners } from './tune-chart.ts';
import { limitsLine, pointsTable, recommendationTable, type TextTable } from './tune-table.ts';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

function tableHtml(table: TextTable): string {
  const head = `<tr>${table.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table class="results">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

function manifestHtml(tune: TuneFile): string {
  const env = tune.environment;
  const facts: [string, string][] = [
    ['Node', `${env.node} (V8 ${env.v8})`],
    ['OS', `${env.platform} ${env.release} ${env.arch}`],
    ['CPU', `${env.cpuModel}, ${env.cores} cores`],
    ['Memory', formatBytes(env.memoryBytes)],
    ['Git commit', env.gitCommit ?? 'unknown'],
    ['Seed', tune.run.seed === undefined ? 'none (unseeded)' : String(tune.run.seed)],
    ['Started', tune.run.startedAt],
    ['Finished', tune.run.finishedAt],
  ];
  return `<dl class="manifest">\n${facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`;
}

function runnerSection(tune: TuneFile, runner: RunnerId, spec: ChartSpec): string {
  const recommendation = tune.recommendations.find((entry) => entry.runner === runner);
  return [
    `<section id="${escapeHtml(spec.id)}">`,
    `<h2>${escapeHtml(runner)}</h2>`,
    recommendation ? `<div class="conclusion"><p>${escapeHtml(recommendation.reason)}</p></div>` : '',
    `<div class="chart"><canvas id="chart-${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></div>`,
    tableHtml(pointsTable(tune, runner)),
    `</section>`,
  ].join('\n');
}

/** tune.html: self-contained like index.html (chart.js and data inlined), a CSP that forbids any network access. */
export function renderTuneHtml(tune: TuneFile): string {
  const charted = tunedRunners(tune).map((runner) => ({ runner, spec: tuneChart(tune, runner) }));
  const library = chartJsSource();
  const boot = bootScript();
  const csp = `default-src 'none'; script-src ${sha256(library)} ${sha256(boot)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const recommendations = recommendationTable(tune);
  const reasons = tune.recommendations.map((entry) => `<li><strong>${escapeHtml(entry.runner)}</strong>: ${escapeHtml(entry.reason)}</li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>concurrency-bench tune: ${escapeHtml(tune.scenario.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>Tuning: ${escapeHtml(tune.scenario.title)}</h1>
<p>${escapeHtml(tune.scenario.description)}</p>
<p class="workload">${escapeHtml(limitsLine(tune))}</p>
${manifestHtml(tune)}
${tune.run.complete ? '' : '<p class="partial">This run was interrupted: the page shows what was measured until then.</p>'}
</header>
<section id="recommendations">
<h2>Recommendations</h2>
<p>Per runner, the smallest setting that reaches 95% of the best throughput while p99 and errors stay within the limits. Little's law (requests in flight / mean latency) is what a client without overhead would get from a server without limits: where the measurement departs from it, something else limits throughput.</p>
${tableHtml(recommendations)}
<div class="conclusion"><ul>
${reasons}
</ul></div>
</section>
${charted.map(({ runner, spec }) => runnerSection(tune, runner, spec)).join('\n')}
<script type="application/json" id="chart-specs">${jsonForScript(charted.map(({ spec }) => spec))}</script>
<script>${library}</script>
<script type="module">${boot}</script>
</body>
</html>
`;
}
