import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TuneFile } from '../../harness/tune/types.ts';
import { renderPngs } from '../png.ts';
import { renderTuneHtml } from './html.ts';
import { tuneCharts } from './tune-chart.ts';

export interface WrittenTune {
  readonly files: readonly string[];
  readonly notes: readonly string[];
}

/** Writes tune.json first (so nothing measured is lost), then tune.html and charts/tune-<runner>.png. */
export async function writeTune(tune: TuneFile, dir: string): Promise<WrittenTune> {
  await mkdir(path.join(dir, 'charts'), { recursive: true });
  const files: string[] = [];
  const write = async (name: string, content: string | Buffer): Promise<void> => {
    await writeFile(path.join(dir, name), content);
    files.push(name);
  };
  await write('tune.json', `${JSON.stringify(tune, null, 2)}\n`);
  await write('tune.html', renderTuneHtml(tune));
  const pngs = await renderPngs(tuneCharts(tune));
  if (pngs.state === 'unavailable') return { files, notes: [pngs.reason] };
  for (const file of pngs.files) await write(path.join('charts', `${file.id}.png`), file.png);
  return { files, notes: [] };
}
