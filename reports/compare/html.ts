import type { Comparison, ComparedRow, ScenarioComparison } from '../../results/comparison.ts';
import { escapeHtml } from '../escape.ts';
import { comparisonHeadline } from './comparison-headline.ts';
import { COMPARISON_HEADERS, comparisonCells, VERDICT_COLUMN } from './comparison-table.ts';
import { falsePositiveLines, METHOD_NOTE } from './false-positives-text.ts';
import { notComparedLine } from './not-compared-text.ts';
import { incompleteLine, setupDifferenceLine, setupHeadline } from './setup-text.ts';

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1400px;padding:24px;color:#1d1d1f}
h1{font-size:1.6em;margin:0 0 .4em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:2px solid #1f77b4}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.92em;white-space:nowrap}
th,td{border:1px solid #ddd;padding:4px 7px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f3f4f6}
td.faster{background:#e3f4e1;font-weight:700}td.slower{background:#fde2e1;font-weight:700}
.files,.note{color:#555;font-size:.9em}pre.footer{font-size:.88em;background:#fafafa;padding:.6em 1em;border:1px solid #eee}
th[scope=row]{background:#fafafa;font-weight:600}.headline{background:#f5f8fc;border-left:4px solid #1f77b4;padding:.5em 1em;margin:1em 0;font-size:1.05em}
.headline.regressed{border-left-color:#c0392b;background:#fdf1f0}
.setup{padding:.5em 1em;margin:1em 0;border-left:4px solid #2e7d32;background:#f1f8f1}.setup.differs{border-left-color:#b26a00;background:#fff6e5}
.setup ul{margin:.3em 0 0;padding-left:1.2em}.scroll{overflow-x:auto}
`;

const VERDICT_CLASSES: Readonly<Record<string, string>> = { faster: 'faster', slower: 'slower' };

function rowHtml(row: ComparedRow): string {
  const cells = comparisonCells(row);
  const verdictClass = VERDICT_CLASSES[row.verdict];
  const cellHtml = (cell: string, i: number): string => {
    if (i === 0) return `<th scope="row">${escapeHtml(cell)}</th>`;
    return i === VERDICT_COLUMN && verdictClass ? `<td class="${verdictClass}">${escapeHtml(cell)}</td>` : `<td>${escapeHtml(cell)}</td>`;
  };
  return `<tr>${cells.map(cellHtml).join('')}</tr>`;
}

function scenarioSection(scenario: ScenarioComparison): string {
  const head = `<tr>${COMPARISON_HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const table =
    scenario.rows.length === 0
      ? ''
      : `<div class="scroll"><table>\n<thead>${head}</thead>\n<tbody>\n${scenario.rows.map(rowHtml).join('\n')}\n</tbody>\n</table></div>`;
  const leftOut = notComparedLine(scenario.notCompared);
  const note = leftOut === undefined ? '' : `\n<p class="note not-compared">${escapeHtml(leftOut)}</p>`;
  return `<section>\n<h2>${escapeHtml(scenario.title)}</h2>\n${table}${note}\n</section>`;
}

function setupSection(comparison: Comparison): string {
  const { setup } = comparison;
  const incomplete = incompleteLine(setup);
  const items = [...setup.differences.map(setupDifferenceLine), ...(incomplete === undefined ? [] : [incomplete])];
  const list = items.length === 0 ? '' : `\n<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return `<div class="setup${setup.differences.length > 0 ? ' differs' : ''}" id="setup"><strong>${escapeHtml(setupHeadline(setup))}</strong>${list}</div>`;
}

/** compare.html: the comparison as a page; it needs no script at all, and its CSP allows none. */
export function renderComparisonHtml(comparison: Comparison, files: { readonly base: string; readonly current: string }): string {
  const headline = comparisonHeadline(comparison);
  const compared = comparison.scenarios.some((scenario) => scenario.rows.length > 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>concurrency-bench comparison</title>
<style>${STYLE}</style>
</head>
<body>
<h1>concurrency-bench comparison</h1>
${setupSection(comparison)}
<p class="headline${headline.worst ? ' regressed' : ''}" id="headline">${escapeHtml(headline.sentence)}</p>
<p class="files">Base: ${escapeHtml(files.base)}<br>New: ${escapeHtml(files.current)}</p>
<p class="note">${escapeHtml(METHOD_NOTE)}</p>
${compared ? '' : '<p>No results matched on scenario, runner, limiter, layout, concurrency and rate.</p>'}
${comparison.scenarios.map(scenarioSection).join('\n')}
<pre class="footer" id="false-positives">${escapeHtml(falsePositiveLines(comparison.falsePositives).join('\n'))}</pre>
</body>
</html>
`;
}
