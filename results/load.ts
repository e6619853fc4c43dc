import { readFile } from 'node:fs/promises';
import { SCHEMA_VERSION, type ResultsFile } from './types.ts';
import { parseOrThrow } from '../common/validation.ts';
import { UsageError } from '../common/usage-error.ts';
import { parsedIsContract, resultsFileSchema } from './schema.ts';

/** Reads and validates a results.json at the edge: anything wrong becomes one UsageError line. */
export async function loadResultsFile(file: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`Cannot read results file \`${file}\`${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`Expected \`${file}\` to be a results.json file, got text that is not JSON`);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new UsageError(
      `Expected \`${file}\` to be a results.json of schema version ${SCHEMA_VERSION}, got \`${String(version)}\` (re-run \`npm run bench\` to get a current one)`,
    );
  }
  try {
    return parsedIsContract(parseOrThrow(resultsFileSchema, json));
  } catch (error: unknown) {
    throw error instanceof UsageError ? new UsageError(`${file}: ${error.message}`) : error;
  }
}
