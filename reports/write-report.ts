import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsFile } from '../harness/results.ts';
import { scenarioCharts } from './chart-configs.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPngs } from './png.ts';

export interface WrittenReport {
  readonly dir: string;
  readonly files: readonly string[];
  readonly notes: readonly string[];
}

/** Writes results.json first (so nothing measured is lost), then every rendering of it. */
export async function writeReport(results: ResultsFile, dir: string): Promise<WrittenReport> {
  await mkdir(path.join(dir, 'charts'), { recursive: true });
  const files: string[] = [];
  const write = async (name: string, content: string | Buffer): Promise<void> => {
    await writeFile(path.join(dir, name), content);
    files.push(name);
  };
  await write('results.json', `${JSON.stringify(results, null, 2)}\n`);
  await write('summary.md', renderMarkdown(results));
  await write('index.html', renderHtml(results));
  const notes: string[] = [];
  const pngs = await renderPngs(results.scenarios.flatMap(scenarioCharts));
  if (pngs.state === 'rendered') {
    for (const file of pngs.files) await write(path.join('charts', `${file.id}.png`), file.png);
  } else {
    notes.push(pngs.reason);
  }
  return { dir, files, notes };
}

/** reports/out/latest/ always holds the newest report. */
export async function copyToLatest(dir: string, latestDir: string): Promise<void> {
  if (path.resolve(dir) === path.resolve(latestDir)) return;
  await rm(latestDir, { recursive: true, force: true });
  await cp(dir, latestDir, { recursive: true });
}
