import { escapeHtml } from '../escape.ts';
import { SIGNIFICANCE, type Comparison } from './compare-results.ts';
import { comparisonHeadline } from './comparison-headline.ts';
import { byScenario, COMPARISON_HEADERS, comparisonCells } from './comparison-table.ts';

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1180px;padding:24px;color:#1d1d1f}
h1{font-size:1.6em;margin:0 0 .4em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:2px solid #1f77b4}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.92em;white-space:nowrap}
th,td{border:1px solid #ddd;padding:4px 9px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f3f4f6}
td.faster{background:#e3f4e1;font-weight:700}td.slower{background:#fde2e1;font-weight:700}
.files,.note{color:#555;font-size:.9em}
th[scope=row]{background:#fafafa;font-weight:600}.headline{background:#f5f8fc;border-left:4px solid #1f77b4;padding:.5em 1em;margin:1em 0;font-size:1.05em}
.headline.regressed{border-left-color:#c0392b;background:#fdf1f0}
`;

const VERDICT_CLASSES: Readonly<Record<string, string>> = { faster: 'faster', slower: 'slower' };

/** compare.html: the comparison as a page; it needs no script at all, and its CSP allows none. */
export function renderComparisonHtml(comparison: Comparison, files: { readonly base: string; readonly current: string }): string {
  const sections = byScenario(comparison).map((group) => {
    const head = `<tr>${COMPARISON_HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
    const body = group.rows
      .map((row) => {
        const cells = comparisonCells(row);
        const verdictClass = VERDICT_CLASSES[row.verdict];
        const cellHtml = (cell: string, i: number): string => {
          if (i === 0) return `<th scope="row">${escapeHtml(cell)}</th>`;
          return i === cells.length - 1 && verdictClass
            ? `<td class="${verdictClass}">${escapeHtml(cell)}</td>`
            : `<td>${escapeHtml(cell)}</td>`;
        };
        return `<tr>${cells.map(cellHtml).join('')}</tr>`;
      })
      .join('\n');
    return `<section>\n<h2>${escapeHtml(group.title)}</h2>\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</section>`;
  });
  const headline = comparisonHeadline(comparison);
  const notes = [
    ...comparison.unmatched.map((u) => `Not compared: ${u.scenarioId} ${u.shape} (${u.reason})`),
    ...comparison.caveats.map((caveat) => `Note: ${caveat}`),
  ];
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
<p class="headline${headline.worst ? ' regressed' : ''}" id="headline">${escapeHtml(headline.sentence)}</p>
<p class="files">Base: ${escapeHtml(files.base)}<br>New: ${escapeHtml(files.current)}</p>
<p class="note">Verdicts: Welch's t-test on throughput per iteration, two-sided, significant at p &lt; ${SIGNIFICANCE}. p99 changes are shown without a test (one value per run).</p>
${comparison.rows.length === 0 ? '<p>No results matched on scenario, runner and concurrency.</p>' : ''}
${sections.join('\n')}
${notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n')}
</body>
</html>
`;
}
