import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import { escapeHtml } from './escape.ts';
import { overview } from './overview.ts';
import { OVERVIEW_HEADERS, overviewCells } from './overview-table.ts';

/** The anchor of a scenario's section; scenario ids are `[a-z0-9-]` (scenarios/schema.ts), escaped all the same. */
export function sectionId(scenario: Pick<ScenarioResults, 'id'>): string {
  return `scenario-${scenario.id}`;
}

export const OVERVIEW_ID = 'overview';
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
  const head = `<tr>${OVERVIEW_HEADERS.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => {
      const [id = '', ...cells] = overviewCells(row);
      const link = `<th scope="row"><a href="#${escapeHtml(sectionId(row))}">${escapeHtml(id)}</a></th>`;
      const kind = row.verdict?.kind ?? 'none';
      const cost = cells.pop() ?? '';
      const costHtml = cost
        .split('; ')
        .map((item) => `<span class="cost">${escapeHtml(item)}</span>`)
        .join('');
      return `<tr data-scenario="${escapeHtml(row.id)}" data-verdict="${escapeHtml(kind)}">${link}${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}<td>${costHtml}</td></tr>`;
    })
    .join('\n');
  const adviceHtml =
    advice.length === 0
      ? ''
      : `<div class="conclusion advice"><h3>Advice from these runs</h3><ul>\n${advice.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul></div>`;
  return [
    `<section id="${OVERVIEW_ID}" class="overview">`,
    '<h2>Overview: which model, what limit</h2>',
    '<p class="workload">Per scenario: the verdict from Welch\'s test on the best level of each model (a tie when they cannot be told apart), the best throughput and its speed-up over sequential, the requests in flight it took, and what the leading models cost in CPU and memory, which decides between tied models.</p>',
    `<div class="table-wrap"><table class="results overview-table">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`,
    adviceHtml,
    '</section>',
  ].join('\n');
}

export function backLinkHtml(): string {
  return `<p class="back"><a href="#${OVERVIEW_ID}">Back to overview</a></p>`;
}
