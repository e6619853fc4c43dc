import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package (scripts/setup-system.sh installs it); tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One headless Chromium with a fresh profile for the enclosing test file; closed and removed afterwards. */
export function useBrowser(): () => BrowserContext {
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;
  before(async () => {
    profileDir = await mkdtemp(path.join(os.tmpdir(), 'cb-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
  });
  after(async () => {
    try {
      await context?.close();
    } finally {
      if (profileDir) await rm(profileDir, { recursive: true, force: true });
    }
  });
  return () => {
    if (!context) throw new Error('browser not started');
    return context;
  };
}

/** A report page opened offline: every request it makes and every console error or dialog it raises, recorded. */
export interface OfflinePage {
  readonly page: Page;
  readonly requests: string[];
  readonly consoleErrors: string[];
  readonly dialogs: string[];
}

/** Opens a local file with anything but `file:` aborted: a report that reaches the network shows it in `requests`. */
export async function openOffline(context: BrowserContext, href: string): Promise<OfflinePage> {
  await context.route('**/*', async (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  const opened: OfflinePage = { page, requests: [], consoleErrors: [], dialogs: [] };
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => opened.consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(href, { waitUntil: 'load' });
  return opened;
}
