import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { UsageError } from '../common/usage-error.ts';
import { parseOrThrow } from '../common/validation.ts';
import { findScenario } from './registry.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

const FILE_EXTENSIONS = ['.json', '.ts', '.mts', '.js', '.mjs'];

/** A --scenario value names a file when it has a path separator or a scenario-file extension. */
function isScenarioFile(value: string): boolean {
  return value.includes('/') || value.includes(path.sep) || FILE_EXTENSIONS.includes(path.extname(value));
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

async function readScenarioData(file: string): Promise<unknown> {
  const extension = path.extname(file);
  if (!FILE_EXTENSIONS.includes(extension)) {
    throw new UsageError(`Expected \`--scenario\` file to end in ${FILE_EXTENSIONS.join(', ')}, got \`${file}\``);
  }
  if (extension === '.json') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`Expected \`--scenario\` to be a readable file, got \`${file}\` (${reason(error)})`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new UsageError(`${file}: not valid JSON (${reason(error)})`);
    }
  }
  let module: { default?: unknown };
  try {
    const url = pathToFileURL(path.resolve(file)).href;
    // The suite runs as compiled JavaScript; only a user's own TypeScript scenario file goes through tsx, in the main process.
    const typescript = extension === '.ts' || extension === '.mts';
    module = (typescript ? await tsImport(url, import.meta.url) : await import(url)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`${file}: could not be loaded (${reason(error)})`);
  }
  if (module.default === undefined) throw new UsageError(`${file}: expected a default export with the scenario, got none`);
  return module.default;
}

/** A user scenario in the same schema as the built-ins; a bad one gets one line naming the file and the field. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  const data = await readScenarioData(file);
  return parseOrThrow(scenarioSchema, data, { source: file });
}

export async function loadScenario(value: string): Promise<Scenario> {
  return isScenarioFile(value) ? loadScenarioFile(value) : findScenario(value);
}
