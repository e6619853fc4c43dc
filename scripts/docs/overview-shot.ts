import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { ResultsFile } from '../../results/types.ts';
import { renderHtml } from '../../reports/html.ts';
import { OVERVIEW_ID } from '../../reports/overview-html.ts';

/** Debian's chromium (scripts/setup-system.sh installs it): no browser is ever downloaded. */
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
];
const VIEWPORT = { width: 1280, height: 900 };

/**
 * Renders the results' index.html as `npm run bench` writes it and takes a picture of its overview section alone
 * (the page opened offline, as a user opens it from disk).
 */
export async function screenshotOverview(results: ResultsFile, pngPath: string): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-docs-'));
  try {
    const htmlPath = path.join(dir, 'index.html');
    await writeFile(htmlPath, renderHtml(results));
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      await page.route('**/*', async (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
      await page.locator(`#${OVERVIEW_ID}`).screenshot({ path: pngPath, animations: 'disabled' });
    } finally {
      await browser.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
