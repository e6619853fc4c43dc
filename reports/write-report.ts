import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically, serialiseResults } from '../results/journal.ts';
import type { ResultsFile } from '../results/types.ts';
import { reportCharts } from './chart-configs.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { makeDirectory, OutputError, OutputFolder } from './output-folder.ts';

export interface WrittenReport {
  readonly dir: string;
  readonly files: readonly string[];
  readonly notes: readonly string[];
}

/** Writes results.json first, atomically (so nothing measured is lost), then every rendering of it. */
export async function writeReport(results: ResultsFile, dir: string): Promise<WrittenReport> {
  await makeDirectory(dir);
  await writeFileAtomically(path.join(dir, 'results.json'), serialiseResults(results));
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
  try {
    await rm(latestDir, { recursive: true, force: true, maxRetries: 2 });
    await makeDirectory(path.dirname(latestDir));
    await cp(dir, latestDir, { recursive: true });
  } catch (error: unknown) {
    throw error instanceof OutputError ? error : new OutputError('copy the report to', latestDir, error);
  }
}
