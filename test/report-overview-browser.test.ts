import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { writeReport } from '../reports/write-report.ts';
import { openOffline, useBrowser } from './support/browser.ts';
import { allRunnersResults, completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

const results = resultsFile([
  scenarioResults({ results: allRunnersResults() }),
  scenarioResults({
    id: 'article-table',
    title: "The articles' table",
    results: [
      completedResult('sequential', 1, 57),
      completedResult('promise-concurrent', 100, 4290),
      completedResult('worker-threads', 100, 3000),
    ],
  }),
  scenarioResults({
    id: 'cpu-bound',
    title: 'CPU-bound',
    results: [
      completedResult('sequential', 1, 80),
      completedResult('promise-concurrent', 4, 140),
      completedResult('child-process', 4, 260),
    ],
  }),
]);

describe('the overview and navigation of index.html, in a real headless Chromium', () => {
  const browser = useBrowser();
  let dir = '';
  let page: Page | undefined;
  let href = '';
  let requests: string[] = [];
  let consoleErrors: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-overview-'));
    await writeReport(results, dir);
    href = pathToFileURL(path.join(dir, 'index.html')).href;
    ({ page, requests, consoleErrors } = await openOffline(browser(), href));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const opened = (): Page => {
    if (!page) throw new Error('page not opened');
    return page;
  };

  test('the overview comes first and has one row per scenario of the run, each with its verdict', async () => {
    const shown = await opened().evaluate(() => {
      const overview = document.getElementById('overview');
      const firstSection = document.querySelector('section');
      return {
        first: firstSection?.id,
        rows: Array.from(overview?.querySelectorAll('tbody tr') ?? []).map((tr) => ({
          id: tr.getAttribute('data-scenario'),
          rowHeader: tr.querySelector('th[scope="row"]')?.textContent,
          verdict: tr.querySelectorAll('td')[1]?.textContent,
        })),
        advice: Array.from(overview?.querySelectorAll('.advice li') ?? []).map((li) => li.textContent),
      };
    });
    assert.equal(shown.first, 'overview');
    assert.deepEqual(
      shown.rows.map((row) => [row.id, row.rowHeader]),
      results.scenarios.map((scenario) => [scenario.id, scenario.id]),
    );
    for (const row of shown.rows) assert.match(row.verdict ?? '', /^(tie: |[a-z-]+ \(p )/, JSON.stringify(row));
    assert.ok(shown.advice.length >= 2, JSON.stringify(shown.advice));
  });

  test('every table-of-contents link lands on its section', async () => {
    const links = await opened().$$eval('nav.toc a', (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual(links, ['#overview', ...results.scenarios.map((s) => `#scenario-${s.id}`), '#environment']);
    for (const link of [...links].reverse()) {
      await opened().click(`nav.toc a[href="${link}"]`);
      await opened().waitForFunction((hash) => location.hash === hash, link);
      const landed = await opened().evaluate((id) => {
        const section = document.getElementById(id);
        const nav = document.querySelector('nav.toc');
        return {
          target: section?.matches(':target') ?? false,
          top: section?.getBoundingClientRect().top ?? Number.NaN,
          navBottom: nav?.getBoundingClientRect().bottom ?? Number.NaN,
          atBottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1,
        };
      }, link.slice(1));
      assert.ok(landed.target, `${link} is the :target`);
      // Its heading shows just below the sticky bar, unless the page cannot scroll any further.
      assert.ok(landed.atBottom || (landed.top >= 0 && landed.top <= landed.navBottom + 40), `${link}: ${JSON.stringify(landed)}`);
    }
  });

  test('the sticky bar stays in view and each section links back to the overview', async () => {
    await opened().evaluate(() => document.getElementById('scenario-cpu-bound')?.scrollIntoView());
    const nav = await opened().evaluate(() => document.querySelector('nav.toc')?.getBoundingClientRect().top);
    assert.equal(nav, 0);
    const backs = await opened().$$eval('section.scenario .back a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(
      backs,
      results.scenarios.map(() => '#overview'),
    );
  });

  test("the articles' section shows their four quoted rows, then Node's measured ones, and says how to get Python's", async () => {
    const rows = await opened().$$eval('#scenario-article-table .articles tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((cell) => cell.textContent)),
    );
    assert.deepEqual(
      rows.map((row) => [row[0], row[1], row[2]]),
      [
        ['Sequential', 'the articles (quoted)', ''],
        ['Threading', 'the articles (quoted)', ''],
        ['Multiprocessing', 'the articles (quoted)', ''],
        ['Asyncio', 'the articles (quoted)', ''],
        ['Sequential', 'Node.js, measured here', 'sequential'],
        ['Threading', 'Node.js, measured here', 'worker-threads'],
        ['Asyncio', 'Node.js, measured here', 'promise-concurrent'],
      ],
    );
    assert.equal(rows[6]?.[4], '233 ms', '1,000 / 4,290 req/s');
    const notes = await opened().$$eval('#scenario-article-table .articles .note', (ps) => ps.map((p) => p.textContent ?? ''));
    assert.ok(
      notes.some((note) => note.startsWith('Python, measured here: none in this run')),
      JSON.stringify(notes),
    );
    assert.equal(await opened().locator('.articles').count(), 1, 'only in the article-table section');
  });

  test('tables have column and row headers; charts are labelled', async () => {
    const shown = await opened().evaluate(() => ({
      rowHeaders: document.querySelectorAll('#scenario-io-bound table.results tbody th[scope="row"]').length,
      unlabelled: Array.from(document.querySelectorAll('canvas')).filter((c) => !c.getAttribute('aria-label')).length,
    }));
    assert.equal(shown.rowHeaders, allRunnersResults().length);
    assert.equal(shown.unlabelled, 0);
  });

  test('print keeps the bar static and hides the back links', async () => {
    await opened().emulateMedia({ media: 'print' });
    const printed = await opened().evaluate(() => ({
      position: getComputedStyle(document.querySelector('nav.toc') as Element).position,
      back: getComputedStyle(document.querySelector('.back') as Element).display,
    }));
    await opened().emulateMedia({ media: 'screen' });
    assert.deepEqual(printed, { position: 'static', back: 'none' });
  });

  test('no console error and no request beyond the file itself', async () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(
      requests.filter((url) => url.split('#')[0] !== href),
      [],
    );
  });
});
