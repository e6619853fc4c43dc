import { formatPercent } from '../common/format.ts';
import { NEAR_BEST } from '../results/level-rules.ts';
import { TARGET_SCENARIO_ID } from '../results/target-scenario.ts';
import type { ResultsFile } from '../results/types.ts';

/** The command that sweeps a scenario's levels to find the limit: the way to it when a run only brackets it or not. */
export function tuneCommand(scenarioId: string, target: ResultsFile['run']['target']): string {
  if (scenarioId === TARGET_SCENARIO_ID && target !== undefined) return `npm run tune -- --target ${target.url}`;
  return `npm run tune -- --scenario ${scenarioId}`;
}

/** Said once in every report: how a limit is chosen here and which command finds it (for this run's service). */
export function limitRuleText(results: ResultsFile): string {
  const command =
    results.run.target === undefined ? 'npm run tune -- --scenario <id>' : tuneCommand(TARGET_SCENARIO_ID, results.run.target);
  return (
    `A model's limit is its smallest level within ${formatPercent(NEAR_BEST)} of its best goodput that meets every --threshold (the rule bench and tune share); ` +
    `\`${command}\` sweeps the levels around it to find the limit rather than guess it.`
  );
}
