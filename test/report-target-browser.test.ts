import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { writeRenderings } from '../reports/write-report.ts';
import { openOffline, useBrowser } from './support/browser.ts';
import { targetRun } from './support/target-run-fixture.ts';

describe('a --target run with thresholds in a real headless Chromium at 1,400 px', () => {
  const browser = useBrowser();
  let dir = '';
  let page: Page | undefined;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-target-report-'));
    await writeRenderings(targetRun(), dir);
    ({ page } = await openOffline(browser(), pathToFileURL(path.join(dir, 'index.html')).href));
    await page.setViewportSize({ width: 1400, height: 900 });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the thresholds column is on screen: the table fits its box and the page, no scrolling sideways', async () => {
    if (!page) throw new Error('page not opened');
    const shown = await page.evaluate(() => {
      const table = document.querySelector('#scenario-target table.results');
      const wrap = table?.closest('.table-wrap');
      const headers = Array.from(table?.querySelectorAll('thead th') ?? []);
      const thresholds = headers.find((th) => th.textContent === 'Thresholds');
      const box = thresholds?.getBoundingClientRect();
      return {
        headers: headers.map((th) => th.textContent),
        right: box?.right ?? Number.NaN,
        wrapRight: wrap?.getBoundingClientRect().right ?? Number.NaN,
        wrapScrolls: wrap ? wrap.scrollWidth > wrap.clientWidth : true,
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
        failCell: Array.from(table?.querySelectorAll('tbody tr:last-child td') ?? []).at(-1)?.textContent,
      };
    });
    assert.ok(shown.headers.includes("Little's law") && shown.headers.includes('Attempts/s'), JSON.stringify(shown.headers));
    assert.equal(shown.failCell, 'fail: p99<100ms, errors<1%, throughput>200/s');
    assert.equal(shown.wrapScrolls, false, 'the table needs no sideways scroll');
    assert.equal(shown.pageScrolls, false);
    assert.ok(shown.right <= shown.wrapRight + 1 && shown.right <= 1400, JSON.stringify(shown));
  });

  test('the overview and its advice point to tune --target for this service', async () => {
    if (!page) throw new Error('page not opened');
    const text = await page.evaluate(() => document.getElementById('overview')?.textContent ?? '');
    assert.match(text, /npm run tune -- --target http:\/\/127\.0\.0\.1:8080\//);
  });
});
