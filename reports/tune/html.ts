import { NEAR_BEST } from '../../results/level-rules.ts';
import { LITTLE_GAP } from '../../results/little-gap.ts';
import type { TuneFile } from '../../results/tune-types.ts';
import type { ChartSpec } from '../charts/chart-spec.ts';
import { escapeHtml } from '../escape.ts';
import { formatBytes, formatMs, formatPercent, formatRate } from '../../common/format.ts';
import { chartCanvasHtml, chartPage, manifestHtml, tableHtml } from '../page.ts';
import { tuneChart, tunedRunners } from './tune-chart.ts';
import { adaptiveTable, termsLine, pointsTable, recommendationTable, settingOf, type TextTable } from './tune-table.ts';
import { ratePointsTable, SUSTAINABLE_RULE, sustainableTable } from './sustainable-table.ts';
import { USL_RULE, uslTable } from './usl-table.ts';
import { uslLine } from './usl-describe.ts';

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

function runnerSection(tune: TuneFile, runner: string, spec: ChartSpec): string {
  const recommendation = tune.recommendations.find((entry) => entry.runner === runner);
  const usl = [...(tune.usl ?? []), ...(tune.uslSkipped ?? [])].find((entry) => entry.runner === runner);
  return [
    `<section id="${escapeHtml(spec.id)}">`,
    `<h2>${escapeHtml(runner)}</h2>`,
    recommendation ? `<div class="conclusion"><p>${escapeHtml(recommendation.reason)}</p></div>` : '',
    usl ? `<p class="usl">${escapeHtml(uslLine(usl))}</p>` : '',
    chartCanvasHtml(spec),
    textTableHtml(pointsTable(tune, runner)),
    ...openLoopHtml(ratePointsTable(tune, runner)),
    `</section>`,
  ].join('\n');
}

/** The answer first: per runner the setting to write in code, what it reached, and why (the recommendation's reason). */
function answerHtml(tune: TuneFile): string {
  if (tune.recommendations.length === 0)
    return '<section id="answer" class="overview"><h2>Recommended settings</h2><p>No setting was measured to completion.</p></section>';
  const items = tune.recommendations
    .map((entry) => {
      const figures = `${formatRate(entry.throughput)}, p99 ${formatMs(entry.p99Ms)}${entry.meetsSlo ? '' : ', misses the SLO: the least bad setting measured'}`;
      return `<li data-runner="${escapeHtml(entry.runner)}"><strong>${escapeHtml(entry.runner)}: ${escapeHtml(settingOf(tune, entry))}</strong> (${escapeHtml(figures)}). ${escapeHtml(entry.reason)}</li>`;
    })
    .join('\n');
  return `<section id="answer" class="overview">\n<h2>Recommended settings</h2>\n<div class="conclusion"><ul>\n${items}\n</ul></div>\n</section>`;
}

function tuneNavHtml(charted: readonly { readonly runner: string; readonly spec: ChartSpec }[]): string {
  const links = [
    '<li><a href="#answer">Recommended settings</a></li>',
    '<li><a href="#recommendations">Table</a></li>',
    ...charted.map(({ runner, spec }) => `<li><a href="#${escapeHtml(spec.id)}">${escapeHtml(runner)}</a></li>`),
    '<li><a href="#environment">Environment</a></li>',
  ];
  return `<nav class="toc" aria-label="Contents"><ol>\n${links.join('\n')}\n</ol></nav>`;
}

/** tune.html: self-contained like index.html (chart.js and data inlined), a CSP that forbids any network access. */
export function renderTuneHtml(tune: TuneFile): string {
  const charted = tunedRunners(tune).map((runner) => ({ runner, spec: tuneChart(tune, runner) }));
  const partial = tune.run.complete
    ? ''
    : '\n<p class="partial">This run was interrupted: the page shows what was measured until then.</p>';
  return chartPage({
    title: `concurrency-bench tune: ${tune.scenario.title}`,
    header: [
      `<h1>Tuning: ${escapeHtml(tune.scenario.title)}</h1>`,
      `<p class="workload">${escapeHtml(termsLine(tune))}</p>${partial}`,
    ].join('\n'),
    body: `${tuneNavHtml(charted)}
${answerHtml(tune)}
<section id="recommendations">
<h2>Recommendations</h2>
<p>${escapeHtml(tune.scenario.description)}</p>
<p>Per runner, the smallest setting that reaches ${formatPercent(NEAR_BEST)} of the best throughput (each setting counted by requests / mean batch wall time, the statistic bench uses too; the fastest batch stands beside it) while p99 and errors stay within the SLO. Little's law (requests in flight / the unloaded latency) is what a client without overhead would get from a server without limits: where the measurement departs from it, something else limits throughput. Read the other way, throughput x mean latency is how many requests the client really kept in flight: a gap over ${formatPercent(LITTLE_GAP)} from the limit is flagged.</p>
${textTableHtml(recommendationTable(tune))}
${uslHtml(uslTable(tune))}
${(tune.adaptive ?? []).length === 0 ? '' : `<h2>Adaptive limiters</h2>\n${textTableHtml(adaptiveTable(tune))}`}
${openLoopHtml(sustainableTable(tune)).join('\n')}
</section>
${charted.map(({ runner, spec }) => runnerSection(tune, runner, spec)).join('\n')}
<section id="environment">
<h2>Environment</h2>
${manifestHtml(tuneFacts(tune))}
</section>`,
    charts: charted.map(({ spec }) => spec),
  });
}

/** The USL fits under the rule that defines them; nothing for a file from before version 4. */
function uslHtml(table: TextTable | undefined): string {
  return table ? `<h2>Where throughput peaks</h2>\n<p class="note">${escapeHtml(USL_RULE)}</p>\n${textTableHtml(table)}` : '';
}

/** The open-loop tables (with --open-loop) under the rule that defines them; nothing without. */
function openLoopHtml(table: TextTable | undefined): string[] {
  return table ? [`<p class="note">${escapeHtml(SUSTAINABLE_RULE)}</p>`, textTableHtml(table)] : [];
}
