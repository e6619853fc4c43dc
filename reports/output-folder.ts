import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChartSpec } from './chart-configs.ts';
import { renderPngs } from './png.ts';

/** One output folder (with its charts/ subfolder): writes files into it and remembers which. */
export class OutputFolder {
  readonly files: string[] = [];

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<OutputFolder> {
    await mkdir(path.join(dir, 'charts'), { recursive: true });
    return new OutputFolder(dir);
  }

  async write(name: string, content: string | Buffer): Promise<void> {
    await writeFile(path.join(this.dir, name), content);
    this.files.push(name);
  }

  /** charts/<id>.png for each chart; the returned notes say why none were drawn when canvas is missing. */
  async writeCharts(charts: readonly ChartSpec[]): Promise<string[]> {
    const pngs = await renderPngs(charts);
    if (pngs.state === 'unavailable') return [pngs.reason];
    for (const file of pngs.files) await this.write(path.join('charts', `${file.id}.png`), file.png);
    return [];
  }
}
