import { createHash } from 'node:crypto';
import type { ChartSpec } from './charts/chart-spec.ts';
import { chartJsSource } from './chartjs-source.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { bootScript, REPORT_STYLE } from './html-assets.ts';

/** Building blocks of the self-contained chart pages (index.html, tune.html); every text goes through escapeHtml. */

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/**
 * A table with column headers and, in the first column, row headers (`<th scope="row">`); every cell escaped. Cells of
 * the columns named in `wrapping` may wrap (long text), so a wide table still fits its page.
 */
export function tableHtml(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  best?: readonly (readonly boolean[])[],
  caption?: string,
  wrapping: ReadonlySet<string> = new Set(),
): string {
  const head = `<tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr>`;
  const cellHtml = (cell: string, r: number, c: number): string => {
    const tag = c === 0 ? 'th scope="row"' : 'td';
    const close = c === 0 ? 'th' : 'td';
    const classes = [...(best?.[r]?.[c] ? ['best'] : []), ...(wrapping.has(headers[c] ?? '') ? ['wrap'] : [])];
    return `<${tag}${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(cell)}</${close}>`;
  };
  const body = rows.map((row, r) => `<tr>${row.map((cell, c) => cellHtml(cell, r, c)).join('')}</tr>`).join('\n');
  const captionHtml = caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`;
  return `<div class="table-wrap"><table class="results">${captionHtml}\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

export function chartCanvasHtml(spec: ChartSpec): string {
  return `<div class="chart"><canvas id="chart-${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></div>`;
}

export function manifestHtml(facts: readonly (readonly [string, string])[]): string {
  return `<dl class="manifest">\n${facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`;
}

export interface ChartPage {
  readonly title: string;
  /** Markup for the page header, already escaped. */
  readonly header: string;
  /** Markup for the page body, already escaped; canvases from chartCanvasHtml. */
  readonly body: string;
  readonly charts: readonly ChartSpec[];
}

/**
 * One self-contained page: chart.js, the boot script and the chart data inlined, and a Content-Security-Policy
 * that allows exactly those two scripts (by hash) and no network access at all, so it works offline from file://.
 */
export function chartPage(page: ChartPage): string {
  const library = chartJsSource();
  const boot = bootScript();
  const csp = `default-src 'none'; script-src ${sha256(library)} ${sha256(boot)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
${page.header}
</header>
${page.body}
<script type="application/json" id="chart-specs">${jsonForScript(page.charts)}</script>
<script>${library}</script>
<script type="module">${boot}</script>
</body>
</html>
`;
}
