import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument, DomUtils } from 'htmlparser2';
import { renderTuneHtml } from '../reports/tune/html.ts';
import { tuneChart } from '../reports/tune/tune-chart.ts';
import { fitted, tune } from './support/tune-fixture.ts';

test('tune.html opens with the recommended setting per runner and why, before the tables and the environment', () => {
  const html = renderTuneHtml(tune);
  const document = parseDocument(html);
  const sections = DomUtils.findAll((e) => e.name === 'section', document.children).map((e) => e.attribs.id);
  assert.deepEqual(sections, ['answer', 'recommendations', 'environment']);
  const answer = DomUtils.findOne((e) => e.attribs.id === 'answer', document.children);
  assert.ok(answer);
  const text = DomUtils.textContent(answer);
  assert.match(text, /promise-concurrent: 36 in flight/);
  assert.match(text, /1,550 req\/s, p99 31\.0 ms/);
  assert.match(text, /p99 doubled: <the server queue>\./);
  assert.ok(html.includes('&lt;the server queue&gt;') && html.includes('Saturating &lt;backend&gt;'), 'escaped');
});

test('the USL fit: a table with the errors, a line per runner, and the fitted curve on the chart over the points', () => {
  const html = renderTuneHtml(fitted);
  assert.match(html, /<h2>Where throughput peaks<\/h2>/);
  assert.match(html, /0\.0500 ± 0\.0100/);
  assert.match(html, /peak at N\* = 21 in flight/);
  assert.match(html, /<th scope="row">sequential<\/th>(<td><\/td>)+<td>no fit: one request in flight by design/);
  assert.match(html, /the client did not keep 16 in flight: by Little(&#39;|')s law it kept 12\.0/);
  const chart = tuneChart(fitted, 'promise-concurrent');
  const curve = chart.config.data.datasets.find((dataset) => String(dataset.label).startsWith('USL fit'));
  assert.ok(curve, 'a USL dataset');
  assert.equal(curve.label, 'USL fit (R² 0.980, N* = 21)');
  const xs = curve.data.flatMap((datum) => (typeof datum === 'object' && datum !== null && 'x' in datum ? [Number(datum.x)] : []));
  assert.ok(xs.length > 10 && Math.min(...xs) === 1 && Math.abs(Math.max(...xs) - 32) < 1e-9, 'it spans the measured levels');
});

test('a file without the version-4 fields (no fit, no in-flight check, no probe) still renders', () => {
  const { usl: _usl, uslSkipped: _skipped, ...older } = fitted;
  const html = renderTuneHtml({ ...older, points: older.points.map(({ littleInFlight: _little, ...point }) => point) });
  assert.doesNotMatch(html, /Where throughput peaks/);
  assert.match(html, /mean server latency 20\.0 ms/);
  assert.ok(tuneChart(older, 'promise-concurrent').config.data.datasets.every((dataset) => !String(dataset.label).startsWith('USL')));
});

test("the open-loop table has Little's law at the limit beside the sustainable rate", () => {
  const html = renderTuneHtml({
    ...tune,
    sustainable: [{ runner: 'promise-concurrent', limit: 36, rate: 1400, p99Ms: 40 }],
    ratePoints: [],
  });
  // 36 in flight at the scenario's 20 ms carry at most 1,800 req/s.
  assert.match(html, /Little&#39;s law at the limit<\/th>/);
  assert.match(html, /<td>1,400 req\/s<\/td><td>40\.0 ms<\/td><td>1,550 req\/s<\/td><td>1,800 req\/s<\/td>/);
});
