import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../common/usage-error.ts';
import type { ChartSpec } from './chart-configs.ts';
import { renderPngs } from './png.ts';

/** A filesystem call that failed, with the path in the message: `Cannot write /x/index.html: ENOSPC ...`. */
export class OutputError extends Error {
  constructor(action: string, file: string, cause: unknown) {
    super(`Cannot ${action} ${file}: ${describeFsError(cause)}`, { cause });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.startsWith(code) ? `${code} ${message}` : message;
}

/**
 * mkdir -p with one call per path component. Node's recursive mkdir loops forever where mkdir answers ENOENT
 * although the parent exists (/proc, /sys): it takes ENOENT to mean "create the parent first" and retries.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    const found = await stat(current).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(found instanceof Error)) {
      if (!found.isDirectory())
        throw new OutputError('create folder', absolute, Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' }));
      break;
    }
    if (found.code !== 'ENOENT') throw new OutputError('create folder', absolute, found);
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError('create folder', folder, error);
    }
  }
}

/** Creates `dir` and proves it writable the way the run will use it: write, rename and remove a probe file. */
async function proveWritable(dir: string): Promise<void> {
  await makeDirectory(dir);
  const probe = path.join(dir, `.probe-${process.pid}.tmp`);
  const renamed = path.join(dir, `.probe-${process.pid}`);
  try {
    await writeFile(probe, 'concurrency-bench write probe\n');
    await rename(probe, renamed);
    await rm(renamed);
  } catch (error: unknown) {
    await rm(probe, { force: true }).catch(() => undefined);
    throw new OutputError('write to', dir, error);
  }
}

/** The check every measuring command runs before its first request: a bad folder is one line and exit 2. */
export async function checkOutputFolder(dir: string, flag: string): Promise<void> {
  try {
    await proveWritable(dir);
  } catch (error: unknown) {
    const reason = error instanceof OutputError ? error.message.replace(/^Cannot /, '') : describeFsError(error);
    throw new UsageError(`Expected \`${flag}\` to be a writable folder, got \`${dir}\` (cannot ${reason})`);
  }
}

/** One output folder (with its charts/ subfolder): writes files into it and remembers which. */
export class OutputFolder {
  readonly files: string[] = [];

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<OutputFolder> {
    await makeDirectory(path.join(dir, 'charts'));
    return new OutputFolder(dir);
  }

  async write(name: string, content: string | Buffer): Promise<void> {
    const file = path.join(this.dir, name);
    try {
      await writeFile(file, content);
    } catch (error: unknown) {
      // A half-written page is worse than none: it would look like a report.
      await rm(file, { force: true }).catch(() => undefined);
      throw new OutputError('write', file, error);
    }
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
