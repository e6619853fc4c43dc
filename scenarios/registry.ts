import { UsageError } from '../scripts/cli/usage-error.ts';
import { ioBound } from './io-bound.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from './schema.ts';

const builtIns: readonly ScenarioInput[] = [ioBound];

/** Built-in scenarios, validated once at load so a broken built-in fails loudly in tests. */
export const scenarios: readonly Scenario[] = builtIns.map((input) => scenarioSchema.parse(input));

export const defaultScenarioIds: readonly string[] = ['io-bound'];

export function findScenario(id: string): Scenario {
  const found = scenarios.find((scenario) => scenario.id === id);
  if (!found) {
    throw new UsageError(`Expected \`--scenario\` to be one of ${scenarios.map((s) => `\`${s.id}\``).join(', ')}, got \`${id}\``);
  }
  return found;
}
