import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { reportCharts } from '../reports/chart-configs.ts';
import { PNG_SIZE } from '../reports/png.ts';
import { writeReport } from '../reports/write-report.ts';
import { openOffline, useBrowser } from './support/browser.ts';
import { pngSize } from './support/png.ts';
import { allRunnersResults, resultsFile, scenarioResults } from './support/results-fixture.ts';

/** chart.js as the page has it: the UMD build's global. */
type ChartGlobal = typeof import('chart.js').Chart;

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';

const results = resultsFile([
  scenarioResults({ results: allRunnersResults() }),
  scenarioResults({ id: 'hostile', title: HOSTILE_TITLE, description: '</script><script>alert(2)</script>' }),
]);

describe('index.html in a real headless Chromium, from file://', () => {
  const browser = useBrowser();
  let dir = '';
  let page: Page | undefined;
  let requests: string[] = [];
  let consoleErrors: string[] = [];
  let dialogs: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-report-'));
    await writeReport(results, dir);
    // Anything but the report itself would be a network (or file) request the report must not make.
    ({ page, requests, consoleErrors, dialogs } = await openOffline(browser(), pathToFileURL(path.join(dir, 'index.html')).href));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const opened = (): Page => {
    if (!page) throw new Error('page not opened');
    return page;
  };

  test('every chart canvas drew pixels', async () => {
    const expected = reportCharts(results).map((spec) => `chart-${spec.id}`);
    const drawn = await opened().evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((canvas) => {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) return { id: canvas.id, painted: 0 };
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted += 1;
        return { id: canvas.id, painted: painted / (canvas.width * canvas.height) };
      }),
    );
    assert.deepEqual(
      drawn.map((canvas) => canvas.id),
      expected,
      'one canvas per chart configuration',
    );
    for (const canvas of drawn)
      assert.ok(canvas.painted > 0.01, `${canvas.id} painted ${(canvas.painted * 100).toFixed(2)}% of its pixels`);
  });

  test('the console has no errors, no dialog opened and no request left the file', async () => {
    await opened().waitForTimeout(200);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests, [pathToFileURL(path.join(dir, 'index.html')).href]);
  });

  test('the whisker plugin is registered and fed the confidence intervals', async () => {
    const ranges = await opened().evaluate(() => {
      const { Chart } = globalThis as unknown as { Chart: ChartGlobal };
      const chart = Chart.getChart('chart-io-bound-throughput');
      return { registered: Chart.registry.plugins.get('errorBars') !== undefined, ranges: chart?.options.plugins?.errorBars?.ranges };
    });
    assert.equal(ranges.registered, true);
    assert.deepEqual(
      ranges.ranges,
      allRunnersResults().map((r) => [...(r.throughput.ci95 ?? [])]),
    );
  });

  test('a hostile scenario title shows as text, not markup', async () => {
    const shown = await opened().evaluate(() => ({
      headings: Array.from(document.querySelectorAll('h2')).map((h) => h.textContent),
      images: document.querySelectorAll('img').length,
      scripts: document.scripts.length,
    }));
    assert.ok(shown.headings.includes(HOSTILE_TITLE), JSON.stringify(shown.headings));
    assert.equal(shown.images, 0);
    assert.equal(shown.scripts, 3, 'the data block, chart.js and the boot module; the description added none');
  });

  test('the table highlights the best values and states the speed-up; the conclusion flags saturation', async () => {
    const text = await opened().evaluate(() => ({
      best: Array.from(document.querySelectorAll('#scenario-io-bound td.best')).map((td) => td.textContent),
      body: document.body.textContent,
    }));
    assert.ok(text.best.includes('1,900 req/s'), JSON.stringify(text.best));
    assert.match(text.body, /35x faster/);
    assert.match(text.body, /Client saturated: child-process 1x50 \(CPU 1\.9 of 2 cores\)/);
  });

  test('the PNGs decode in the browser at the configured size', async () => {
    const files = (await readdir(path.join(dir, 'charts'))).sort();
    assert.deepEqual(
      files,
      reportCharts(results)
        .map((spec) => `${spec.id}.png`)
        .sort(),
    );
    const imagePage = await browser().newPage();
    try {
      for (const file of files) {
        const full = path.join(dir, 'charts', file);
        assert.deepEqual(pngSize(await readFile(full)), PNG_SIZE);
        await imagePage.goto(pathToFileURL(full).href);
        const size = await imagePage.evaluate(() => {
          const image = document.images[0];
          return image?.complete ? { width: image.naturalWidth, height: image.naturalHeight } : undefined;
        });
        assert.deepEqual(size, PNG_SIZE, file);
      }
    } finally {
      await imagePage.close();
    }
  });
});
