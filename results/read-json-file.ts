import { readFile } from 'node:fs/promises';
import { UsageError } from '../common/usage-error.ts';

/** A JSON file read at the edge: unreadable or not JSON becomes one UsageError line naming what was expected. */
export async function readJsonFile(file: string, expected: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`Cannot read ${expected} \`${file}\`${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`Expected \`${file}\` to be a ${expected}, got text that is not JSON`);
  }
}
