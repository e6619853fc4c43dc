import { SCHEMA_VERSION, type ResultsFile } from './types.ts';
import { parseOrThrow } from '../common/validation.ts';
import { UsageError } from '../common/usage-error.ts';
import { parsedIsContract, resultsFileSchema } from './schema.ts';
import { readJsonFile } from './read-json-file.ts';

/** Reads and validates a results.json at the edge: anything wrong becomes one UsageError line. */
export async function loadResultsFile(file: string): Promise<ResultsFile> {
  const json = await readJsonFile(file, 'results.json file');
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
