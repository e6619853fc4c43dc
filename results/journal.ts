import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsFile } from './types.ts';

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.startsWith(code) ? `${code} ${message}` : message;
}

/**
 * Replaces `file` in one step: the text goes to a temporary file in the same folder (same filesystem), which is
 * then renamed over it. A reader, or a crash at any moment, sees the old file or the new one, never half of one.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error: unknown) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new Error(`Cannot write ${file}: ${describe(error)}`, { cause: error });
  }
}

export function serialiseResults(results: ResultsFile): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/**
 * results.json as a journal: rewritten atomically after every level (with `run.complete: false` until the end),
 * so a run killed at any moment leaves a valid file with every level completed before.
 */
export class ResultsJournal {
  /** Writes run one after another: a slow disk never lets an older snapshot land after a newer one. */
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  write(results: ResultsFile): Promise<void> {
    const text = serialiseResults(results);
    const next = this.#queue.then(() => writeFileAtomically(this.file, text));
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
