import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { parseDocument, DomUtils } from 'htmlparser2';
import { renderHtml } from '../reports/html.ts';
import { resultsFile, scenarioResults } from './support/results-fixture.ts';

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';

function parse(html: string): ReturnType<typeof parseDocument> {
  return parseDocument(html);
}

test('index.html loads nothing from outside: no external src/href, a CSP that forbids the network and allows only its own scripts', () => {
  const document = parse(renderHtml(resultsFile()));
  const elements = DomUtils.findAll(() => true, document.children);
  for (const element of elements) {
    for (const attribute of ['src', 'href', 'action', 'poster', 'data']) {
      const value = element.attribs[attribute];
      // A link to a fragment of the page itself (the table of contents) loads nothing.
      if (attribute === 'href' && value?.startsWith('#')) continue;
      assert.equal(value, undefined, `<${element.name} ${attribute}="${value}"> would load a resource`);
    }
    assert.notEqual(element.name, 'link', 'no <link> elements');
    assert.notEqual(element.name, 'iframe', 'no <iframe> elements');
  }
  const csp = elements.find((e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy');
  assert.ok(csp, 'a Content-Security-Policy meta tag');
  assert.match(csp.attribs.content ?? '', /default-src 'none'/);
  assert.doesNotMatch(csp.attribs.content ?? '', /unsafe-eval|https?:/);
  const scripts = elements.filter((e) => e.name === 'script');
  assert.ok(
    scripts.some((s) => DomUtils.textContent(s).includes('Chart')),
    'chart.js is inlined',
  );
  const allowed = [...(csp.attribs.content ?? '').matchAll(/'sha256-([^']+)'/g)].map((match) => match[1]);
  const runnable = scripts.filter((s) => s.attribs.type !== 'application/json');
  assert.deepEqual(
    allowed,
    runnable.map((s) => createHash('sha256').update(DomUtils.textContent(s)).digest('base64')),
    'the CSP hashes are exactly the inline scripts',
  );
});

test('scenario and environment text is escaped, never turned into markup', () => {
  const html = renderHtml(resultsFile([scenarioResults({ title: HOSTILE_TITLE, description: '</script><script>alert(2)</script>' })]));
  const document = parse(html);
  const elements = DomUtils.findAll(() => true, document.children);
  assert.equal(elements.filter((e) => e.name === 'img').length, 0, 'the title did not become an <img>');
  assert.equal(elements.filter((e) => e.name === 'b').length, 0, 'the CPU model did not become <b>');
  const heading = elements.find(
    (e) => e.name === 'h2' && e.parent !== null && 'attribs' in e.parent && e.parent.attribs.id?.startsWith('scenario-'),
  );
  assert.equal(heading && DomUtils.textContent(heading), HOSTILE_TITLE);
  const runnable = elements.filter((e) => e.name === 'script' && e.attribs.type !== 'application/json');
  assert.equal(runnable.length, 2, 'only chart.js and the boot module run; the description injected none');
  assert.deepEqual(
    runnable.map((e) => e.attribs.type),
    [undefined, 'module'],
  );
  const data = elements.find((e) => e.attribs.id === 'chart-specs');
  assert.ok(data);
  const specs = JSON.parse(DomUtils.textContent(data)) as { title: string }[];
  assert.equal(specs[0]?.title, `${HOSTILE_TITLE}: goodput`, 'embedded data round-trips exactly');
});

test('the overview names `npm run tune` as the way to the limit, and a partial verdict is marked in its row', () => {
  const document = parse(renderHtml(resultsFile([scenarioResults({ partial: true })])));
  const overview = DomUtils.findOne((element) => element.attribs.id === 'overview', document.children);
  assert.ok(overview);
  const code = DomUtils.findAll((element) => element.name === 'code', overview.children).map((element) => DomUtils.textContent(element));
  assert.ok(code.includes('npm run tune -- --scenario <id>'), JSON.stringify(code));
  const row = DomUtils.findOne((element) => element.attribs['data-scenario'] === 'io-bound', overview.children);
  assert.equal(row?.attribs['data-partial'], 'true');
  assert.match(row ? DomUtils.textContent(row) : '', /\(partial: not every level ran\)/);
});
