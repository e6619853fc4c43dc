import { UsageError } from '../common/usage-error.ts';
import { articleTable } from './article-table.ts';
import { cpuBound } from './cpu-bound.ts';
import { flakyApi } from './flaky-api.ts';
import { ioBound } from './io-bound.ts';
import { largePayload } from './large-payload.ts';
import { rateLimited } from './rate-limited.ts';
import { retrogradeBackend } from './retrograde-backend.ts';
import { saturatingBackend } from './saturating-backend.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from './schema.ts';
import { scrape } from './scrape.ts';
import { shiftingBackend } from './shifting-backend.ts';
import { tailLatency } from './tail-latency.ts';

const builtIns: readonly ScenarioInput[] = [
  articleTable,
  ioBound,
  cpuBound,
  scrape,
  tailLatency,
  flakyApi,
  rateLimited,
  saturatingBackend,
  retrogradeBackend,
  shiftingBackend,
  largePayload,
];

/** Built-in scenarios, validated once at load so a broken built-in fails loudly in tests. */
export const scenarios: readonly Scenario[] = builtIns.map((input) => scenarioSchema.parse(input));

/** `npm run bench` without --scenario runs every built-in that fits the default minute. */
export const defaultScenarioIds: readonly string[] = scenarios.filter((scenario) => scenario.inDefaultSuite).map((scenario) => scenario.id);

export function findScenario(id: string): Scenario {
  const found = scenarios.find((scenario) => scenario.id === id);
  if (!found) {
    throw new UsageError(
      `Expected \`--scenario\` to be a built-in id (${scenarios.map((s) => s.id).join(', ')}) or a .json/.ts file, got \`${id}\``,
    );
  }
  return found;
}
