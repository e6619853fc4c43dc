import type { TuneFile } from '../../harness/tune/types.ts';
import type { ChartSpec } from '../charts/chart-spec.ts';
import { escapeHtml } from '../escape.ts';
import { formatBytes } from '../../common/format.ts';
import { chartCanvasHtml, chartPage, manifestHtml, tableHtml } from '../page.ts';
import type { RunnerId } from '../../runners/types.ts';
import { tuneChart, tunedRunners } from './tune-chart.ts';
import { limitsLine, pointsTable, recommendationTable, type TextTable } from './tune-table.ts';
import { ratePointsTable, SUSTAINABLE_RULE, sustainableTable } from './sustainable-table.ts';

function textTableHtml(table: TextTable): string {
  return tableHtml(table.headers, table.rows);
}

function tuneFacts(tune: TuneFile): [string, string][] {
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
  return facts;
}

function runnerSection(tune: TuneFile, runner: RunnerId, spec: ChartSpec): string {
  const recommendation = tune.recommendations.find((entry) => entry.runner === runner);
  return [
    `<section id="${escapeHtml(spec.id)}">`,
    `<h2>${escapeHtml(runner)}</h2>`,
    recommendation ? `<div class="conclusion"><p>${escapeHtml(recommendation.reason)}</p></div>` : '',
    chartCanvasHtml(spec),
    textTableHtml(pointsTable(tune, runner)),
    ...openLoopHtml(ratePointsTable(tune, runner)),
    `</section>`,
  ].join('\n');
}

/** tune.html: self-contained like index.html (chart.js and data inlined), a CSP that forbids any network access. */
export function renderTuneHtml(tune: TuneFile): string {
  const charted = tunedRunners(tune).map((runner) => ({ runner, spec: tuneChart(tune, runner) }));
  const reasons = tune.recommendations
    .map((entry) => `<li><strong>${escapeHtml(entry.runner)}</strong>: ${escapeHtml(entry.reason)}</li>`)
    .join('\n');
  const partial = tune.run.complete
    ? ''
    : '\n<p class="partial">This run was interrupted: the page shows what was measured until then.</p>';
  return chartPage({
    title: `concurrency-bench tune: ${tune.scenario.title}`,
    header: [
      `<h1>Tuning: ${escapeHtml(tune.scenario.title)}</h1>`,
      `<p>${escapeHtml(tune.scenario.description)}</p>`,
      `<p class="workload">${escapeHtml(limitsLine(tune))}</p>`,
      `${manifestHtml(tuneFacts(tune))}${partial}`,
    ].join('\n'),
    body: `<section id="recommendations">
<h2>Recommendations</h2>
<p>Per runner, the smallest setting that reaches 95% of the best throughput (each setting counted by requests / mean batch wall time, the statistic bench uses too; the fastest batch stands beside it) while p99 and errors stay within the limits. Little's law (requests in flight / mean latency) is what a client without overhead would get from a server without limits: where the measurement departs from it, something else limits throughput.</p>
${textTableHtml(recommendationTable(tune))}
<div class="conclusion"><ul>
${reasons}
</ul></div>
${openLoopHtml(sustainableTable(tune)).join('\n')}
</section>
${charted.map(({ runner, spec }) => runnerSection(tune, runner, spec)).join('\n')}`,
    charts: charted.map(({ spec }) => spec),
  });
}

/** The open-loop tables (with --open-loop) under the rule that defines them; nothing without. */
function openLoopHtml(table: TextTable | undefined): string[] {
  return table ? [`<p class="note">${escapeHtml(SUSTAINABLE_RULE)}</p>`, textTableHtml(table)] : [];
}
