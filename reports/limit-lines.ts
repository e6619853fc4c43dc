import { NEAR_BEST } from '../results/level-rules.ts';
import { formatMs, formatPercent, formatRate } from '../common/format.ts';
import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import type { ModelLimit } from './model-limits.ts';
import { tuneCommand } from './tune-pointer.ts';

export function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function thresholdText(scenario: ScenarioResults): string {
  const expressions = (scenario.thresholds ?? []).map((report) => report.expression);
  return expressions.length === 0 ? '' : ` that meets ${expressions.join(', ')}`;
}

/**
 * What the harness's limits say, in sentences: each model's limit by the one rule, where it was not bracketed (with
 * the command that finds it), where a higher level may still gain, and where no level qualified. Only what
 * `bestLevels` states: a level that broke a threshold is never called a limit here.
 */
export function limitLines(scenario: ScenarioResults, limits: readonly ModelLimit[], target: ResultsFile['run']['target']): string[] {
  const found = limits.flatMap((limit) => (limit.best?.kind === 'found' ? [{ limit, best: limit.best }] : []));
  const lines: string[] = [];
  if (found.length > 0) {
    const each = found.map(
      ({ limit, best }) => `${limit.label} ${best.concurrency} in flight (${formatRate(best.goodput)}, p99 ${formatMs(best.p99Ms)})`,
    );
    lines.push(
      `Limits (the smallest level within ${formatPercent(NEAR_BEST)} of each model's best goodput${thresholdText(scenario)}): ${each.join('; ')}.`,
    );
  }
  const gaining = found.flatMap(({ limit, best }) => {
    const [highest, second] = [...limit.levels].reverse();
    if (!best.tryHigher || !highest || !second) return [];
    return [
      `${limit.label} (${formatRate(highest.throughput.mean)} at ${highest.concurrency} in flight against ${formatRate(second.throughput.mean)} at ${second.concurrency})`,
    ];
  });
  if (gaining.length > 0)
    lines.push(
      `Still gaining at the highest level measured: ${listed(gaining)}; try higher with --concurrency, or \`${tuneCommand(scenario.id, target)}\`.`,
    );
  const open = found.filter(({ best }) => !best.bracketed && !best.tryHigher).map(({ limit }) => limit.label);
  if (open.length > 0)
    lines.push(
      `Not bracketed for ${listed(open)}: no level was measured on both sides of the limit, so it may lie between or beyond the levels run; \`${tuneCommand(scenario.id, target)}\` finds it.`,
    );
  for (const limit of limits) if (limit.best?.kind === 'none') lines.push(`${limit.label} has no limit here: ${limit.best.reason}.`);
  return lines;
}
