import { readFileSync } from 'node:fs';

export const REPORT_STYLE = `
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1360px;padding:24px;color:#1d1d1f;background:#fff}
h1{font-size:1.6em;margin:0 0 .4em}h2{font-size:1.3em;margin:2em 0 .4em;border-bottom:2px solid #1f77b4;padding-bottom:.2em}h3{font-size:1.05em;margin:1.2em 0 .3em}
.manifest{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 1em;font-size:.88em;color:#444}
.manifest dt{font-weight:600;color:#222}.manifest dd{margin:0;overflow-wrap:anywhere}
.workload{color:#555;font-size:.9em}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums;font-size:.92em;white-space:nowrap}
th,td{border:1px solid #ddd;padding:4px 9px;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#f3f4f6}th[scope=row]{background:#fafafa;font-weight:600}td.best,th.best{background:#e3f4e1;font-weight:700}
table.results:not(.overview-table){font-size:.86em}table.results:not(.overview-table) th,table.results:not(.overview-table) td{padding:3px 7px}
table.results th[scope=col]{white-space:normal;vertical-align:bottom}table.results .wrap{white-space:normal;min-width:8em}
code{font:.92em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f5;padding:0 3px;border-radius:3px}
.warnings{border-left:4px solid #d4a017;padding:.2em 1em;margin:.6em 0;font-size:.9em}.warnings h3{margin:.3em 0}.warnings ul{margin:.3em 0;padding-left:1.2em}
caption{caption-side:top;text-align:left;color:#555;font-size:.9em;padding:0 0 4px}
.toc{position:sticky;top:0;z-index:10;background:#fffffff2;border-bottom:1px solid #ddd;padding:6px 0;margin:0 0 .5em;font-size:.9em}
.toc ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:2px 14px}.toc a{color:#1f5f94;text-decoration:none}.toc a:hover{text-decoration:underline}
section{scroll-margin-top:64px}section:target>h2{background:#f5f8fc}
.overview-table{width:100%}.overview-table th[scope=col]{text-align:left}.overview-table td{white-space:normal;text-align:left;vertical-align:top}.overview-table th[scope=row]{vertical-align:top}
.overview-table td:nth-child(2){min-width:11em}.overview-table td:nth-child(3){min-width:14em}.overview-table td:nth-child(7){min-width:19em}.overview-table td:nth-child(4),.overview-table td:nth-child(5),.overview-table td:nth-child(6){text-align:right;white-space:nowrap}
.overview-table .cost{display:block}.overview-table th[scope=col]{white-space:normal;vertical-align:bottom}
.overview h2{margin-top:.6em}.back{font-size:.88em;margin:1em 0 0}
.note{color:#8a5a00;font-size:.88em;margin:.2em 0}
.conclusion{background:#f5f8fc;border-left:4px solid #1f77b4;padding:.5em 1em;margin:1em 0}.conclusion ul{margin:.3em 0;padding-left:1.2em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:18px;margin-top:1em}
.chart{position:relative;height:330px;border:1px solid #eee;padding:6px}
.partial{background:#fff3cd;padding:8px 12px;border:1px solid #e0c36a}
@media print{body{max-width:none;padding:0;font-size:11pt}.toc{position:static;border:0}.back{display:none}.charts{display:block}.chart{height:300px;margin:0 0 12px;break-inside:avoid;page-break-inside:avoid}
section{break-before:page}section:first-of-type{break-before:auto}table,.conclusion{break-inside:avoid}td.best{background:none;text-decoration:underline}}
`;

/** chart.js's error-bar plugin as written (plain JavaScript, shared with the PNG renderer). */
function errorBarsPluginSource(): string {
  return readFileSync(new URL('./charts/error-bars-plugin.js', import.meta.url), 'utf8');
}

// Draws every chart from the embedded specs; the data never passes through innerHTML.
const DRAW_CHARTS = `
Chart.register(errorBarsPlugin);
const specs = JSON.parse(document.getElementById('chart-specs').textContent);
for (const spec of specs) {
  const canvas = document.getElementById('chart-' + spec.id);
  if (canvas) new Chart(canvas, { ...spec.config, options: { ...spec.config.options, responsive: true, maintainAspectRatio: false } });
}
// Charts size themselves to their box; print changes the box before the resize observer runs.
window.addEventListener('beforeprint', () => { for (const chart of Object.values(Chart.instances)) chart.resize(); });
`;

/** The page's own script, a module: the plugin file uses `export`. */
export function bootScript(): string {
  return `${errorBarsPluginSource()}\n${DRAW_CHARTS}`;
}
