import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import { escapeHtml, proseHtml } from './escape.ts';
import { overview } from './overview.ts';
import { overviewCells, overviewHeaders } from './overview-table.ts';
import { limitRuleText } from './tune-pointer.ts';

/** The anchor of a scenario's section; scenario ids are `[a-z0-9-]` (scenarios/schema.ts), escaped all the same. */
export function sectionId(scenario: Pick<ScenarioResults, 'id'>): string {
  return `scenario-${scenario.id}`;
}

export const OVERVIEW_ID = 'overview';

const OVERVIEW_INTRO =
  "Per scenario: the verdict from Welch's test on the best level of each model (a tie when they cannot be told apart), " +
  'the best goodput (requests answered 2xx/3xx per second; failed levels take no part) and its speed-up over the baseline, ' +
  "the leader's limit, and what the leading models cost at their limits in CPU and peak memory, with what holding their requests " +
  'in flight cost above the idle host in brackets: that decides between tied models.';
export const ENVIRONMENT_ID = 'environment';

/** The table of contents, sticky at the top of the screen (static in print). */
export function navHtml(results: ResultsFile): string {
  const links = [
    `<li><a href="#${OVERVIEW_ID}">Overview</a></li>`,
    ...results.scenarios.map(
      (scenario) =>
        `<li><a href="#${escapeHtml(sectionId(scenario))}" title="${escapeHtml(scenario.title)}">${escapeHtml(scenario.id)}</a></li>`,
    ),
    `<li><a href="#${ENVIRONMENT_ID}">Environment</a></li>`,
  ];
  return `<nav class="toc" aria-label="Contents"><ol>\n${links.join('\n')}\n</ol></nav>`;
}

/** The answer first: one row per scenario (its id links to its section), then the advice the rows support. */
export function overviewHtml(results: ResultsFile): string {
  const { rows, advice } = overview(results);
  const head = `<tr>${overviewHeaders(results)
    .map((header) => `<th scope="col">${escapeHtml(header)}</th>`)
    .join('')}</tr>`;
  const body = rows
    .map((row) => {
      const [id = '', ...cells] = overviewCells(row);
      const link = `<th scope="row"><a href="#${escapeHtml(sectionId(row))}">${escapeHtml(id)}</a></th>`;
      const kind = row.verdict?.kind ?? 'none';
      const partial = row.partial ? ' data-partial="true"' : '';
      const cost = cells.pop() ?? '';
      const costHtml = cost
        .split('; ')
        .map((item) => `<span class="cost">${escapeHtml(item)}</span>`)
        .join('');
      return `<tr data-scenario="${escapeHtml(row.id)}" data-verdict="${escapeHtml(kind)}"${partial}>${link}${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}<td>${costHtml}</td></tr>`;
    })
    .join('\n');
  const adviceHtml =
    advice.length === 0
      ? ''
      : `<div class="conclusion advice"><h3>Advice from these runs</h3><ul>\n${advice.map((line) => `<li>${proseHtml(line)}</li>`).join('\n')}\n</ul></div>`;
  return [
    `<section id="${OVERVIEW_ID}" class="overview">`,
    '<h2>Overview: which model, what limit</h2>',
    `<p class="workload">${escapeHtml(OVERVIEW_INTRO)}</p>`,
    `<p class="workload limit-rule">${proseHtml(limitRuleText(results))}</p>`,
    `<div class="table-wrap"><table class="results overview-table">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`,
    adviceHtml,
    '</section>',
  ].join('\n');
}

export function backLinkHtml(): string {
  return `<p class="back"><a href="#${OVERVIEW_ID}">Back to overview</a></p>`;
}
