import type { TuneFile } from '../../results/tune-types.ts';
import { OutputFolder } from '../output-folder.ts';
import { renderTuneHtml } from './html.ts';
import { tuneCharts } from './tune-chart.ts';

export interface WrittenTune {
  readonly files: readonly string[];
  readonly notes: readonly string[];
}

/** Writes tune.json first (so nothing measured is lost), then tune.html and charts/tune-<runner>.png. */
export async function writeTune(tune: TuneFile, dir: string): Promise<WrittenTune> {
  const folder = await OutputFolder.open(dir);
  await folder.write('tune.json', `${JSON.stringify(tune, null, 2)}\n`);
  return await renderInto(folder, tune);
}

/** tune.html and its charts from a tune.json alone (`npm run report tune.json`). */
export async function writeTuneRenderings(tune: TuneFile, dir: string): Promise<WrittenTune> {
  return await renderInto(await OutputFolder.open(dir), tune);
}

async function renderInto(folder: OutputFolder, tune: TuneFile): Promise<WrittenTune> {
  await folder.write('tune.html', renderTuneHtml(tune));
  const notes = await folder.writeCharts(tuneCharts(tune));
  return { files: folder.files, notes };
}
