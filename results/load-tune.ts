import { parseOrThrow } from '../common/validation.ts';
import { UsageError } from '../common/usage-error.ts';
import { readJsonFile } from './read-json-file.ts';
import { runnerFacts } from './runner-facts.ts';
import { isRunnerId } from '../runners/registry.ts';
import { parsedIsTuneContract, tuneFileSchema } from './tune-schema.ts';
import { TUNE_SCHEMA_VERSION, type TuneFile } from './tune-types.ts';

type Json = Record<string, unknown>;

const OLDEST_READABLE = 3;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A point's or rate's display text: `label` since version 5, `shape` before. */
function relabel(entry: Json): Json {
  const { shape, ...rest } = entry;
  return shape === undefined ? entry : { ...rest, label: shape };
}

/**
 * Versions 3 and 4 read as 5: `limits` becomes `slo` (`sloP99Ms` its `p99Ms`), `meetsLimits` `meetsSlo`, `shape`
 * `label`, and the runners' facts come from this build's registry (a runner it no longer has renders neutrally).
 */
function upgrade(json: Json): Json {
  const { limits, ...rest } = json;
  const slo = isObject(limits) ? { p99Ms: limits.sloP99Ms, maxErrorRate: limits.maxErrorRate } : undefined;
  const named = new Set(
    records(json.points)
      .map((point) => point.runner)
      .filter((id): id is string => typeof id === 'string'),
  );
  return {
    ...rest,
    schemaVersion: TUNE_SCHEMA_VERSION,
    slo,
    runners: [...named].filter(isRunnerId).map(runnerFacts),
    points: records(json.points).map(relabel),
    ...(json.ratePoints === undefined ? {} : { ratePoints: records(json.ratePoints).map(relabel) }),
    recommendations: records(json.recommendations).map(({ meetsLimits, ...recommendation }) => ({
      ...recommendation,
      meetsSlo: meetsLimits,
    })),
  };
}

/** Reads and validates a tune.json at the edge: anything wrong becomes one UsageError line. */
export async function loadTuneFile(file: string): Promise<TuneFile> {
  const json = await readJsonFile(file, 'tune.json file');
  const version = isObject(json) ? json.schemaVersion : undefined;
  if (
    !isObject(json) ||
    json.kind !== 'tune' ||
    typeof version !== 'number' ||
    version < OLDEST_READABLE ||
    version > TUNE_SCHEMA_VERSION
  ) {
    throw new UsageError(
      `Expected \`${file}\` to be a tune.json of schema version ${OLDEST_READABLE} to ${TUNE_SCHEMA_VERSION}, got \`${String(version)}\` (re-run \`npm run tune\` to get a current one)`,
    );
  }
  try {
    return parsedIsTuneContract(parseOrThrow(tuneFileSchema, version < TUNE_SCHEMA_VERSION ? upgrade(json) : json));
  } catch (error: unknown) {
    throw error instanceof UsageError ? new UsageError(`${file}: ${error.message}`) : error;
  }
}
