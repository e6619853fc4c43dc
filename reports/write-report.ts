import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsFile } from '../results/types.ts';
import { reportCharts } from './chart-configs.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { OutputFolder } from './output-folder.ts';

export interface WrittenReport {
  readonly dir: string;
  readonly files: readonly string[];
  readonly notes: readonly string[];
}

/** Writes results.json first (so nothing measured is lost), then every rendering of it. */
export async function writeReport(results: ResultsFile, dir: string): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const rendered = await writeRenderings(results, dir);
  return { ...rendered, files: ['results.json', ...rendered.files] };
}

/** summary.md, index.html and charts/*.png from results alone (what `npm run report` re-renders). */
export async function writeRenderings(results: ResultsFile, dir: string): Promise<WrittenReport> {
  const folder = await OutputFolder.open(dir);
  await folder.write('summary.md', renderMarkdown(results));
  await folder.write('index.html', renderHtml(results));
  const notes = await folder.writeCharts(reportCharts(results));
  return { dir, files: folder.files, notes };
}

/** reports/out/latest/ always holds the newest report. */
export async function copyToLatest(dir: string, latestDir: string): Promise<void> {
  if (path.resolve(dir) === path.resolve(latestDir)) return;
  await rm(latestDir, { recursive: true, force: true });
  await cp(dir, latestDir, { recursive: true });
}
