import { randomUUID } from 'node:crypto';
import { cp, rename, rm } from 'node:fs/promises';
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

const SWAP_ATTEMPTS = 5;

function code(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

/**
 * reports/out/latest/ always holds the newest report. The copy is staged beside it and swapped in by rename, so runs
 * finishing at once (segments of one run on one machine) each leave a whole report there, never a mix or an error.
 */
export async function copyToLatest(dir: string, latestDir: string): Promise<void> {
  if (path.resolve(dir) === path.resolve(latestDir)) return;
  const own = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const staging = `${latestDir}.staging-${own}`;
  try {
    await makeDirectory(path.dirname(latestDir));
    await rm(staging, { recursive: true, force: true, maxRetries: 2 });
    await cp(dir, staging, { recursive: true });
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt += 1) {
      const retired = `${latestDir}.retired-${own}-${attempt}`;
      await rename(latestDir, retired).catch((error: unknown) => {
        if (code(error) !== 'ENOENT') throw error;
      });
      try {
        await rename(staging, latestDir);
        await rm(retired, { recursive: true, force: true, maxRetries: 2 });
        return;
      } catch (error: unknown) {
        await rm(retired, { recursive: true, force: true, maxRetries: 2 });
        // Another run swapped its own copy in between: retire that one too and try again.
        if (code(error) !== 'ENOTEMPTY' && code(error) !== 'EEXIST') throw error;
      }
    }
    throw new Error(`other runs kept replacing it (${SWAP_ATTEMPTS} attempts)`);
  } catch (error: unknown) {
    await rm(staging, { recursive: true, force: true, maxRetries: 2 });
    throw error instanceof OutputError ? error : new OutputError('copy the report to', latestDir, error);
  }
}
