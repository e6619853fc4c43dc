import { modelName } from '../results/model-name.ts';
import type { BestLevel, CompletedResult, RunnerResult, ScenarioResults, VerdictRowRef } from '../results/types.ts';

/**
 * Each model's limit as results.json states it (`scenario.bestLevels`, one rule in the harness): the reports never
 * pick a "best" level of their own. A model whose level does not set its requests in flight (sequential) has no
 * entry there and is measured once: that one level is its row.
 */
export interface ModelLimit {
  /** runner, or runner/limiter. */
  readonly label: string;
  readonly runner: string;
  readonly limiter: string | undefined;
  /** The harness's answer; undefined for a model measured at one level because its level sets nothing. */
  readonly best: BestLevel | undefined;
  /** The measured row at its limit; undefined when no level qualified. */
  readonly row: CompletedResult | undefined;
  /** Every closed-loop level it completed, lowest first. */
  readonly levels: readonly CompletedResult[];
}

export function completed(results: readonly RunnerResult[]): CompletedResult[] {
  return results.filter((result): result is CompletedResult => result.state === 'completed');
}

/** Completed closed-loop rows (open-loop rows run at a rate, not a limit). */
function closedLoop(scenario: ScenarioResults): CompletedResult[] {
  return completed(scenario.results).filter((result) => result.arrival === undefined);
}

function rowAt(levels: readonly CompletedResult[], best: BestLevel | undefined): CompletedResult | undefined {
  if (best === undefined) return levels.length === 1 ? levels[0] : undefined;
  if (best.kind === 'none') return undefined;
  return levels.find((result) => result.concurrency === best.concurrency);
}

/** Every model of the scenario in the order it ran, with its limit and the row there. */
export function modelLimits(scenario: ScenarioResults): ModelLimit[] {
  const rows = closedLoop(scenario);
  const labels = [...new Set(rows.map(modelName))];
  return labels.map((label) => {
    const levels = rows.filter((result) => modelName(result) === label).sort((a, b) => a.concurrency - b.concurrency);
    const first = levels[0];
    const best = scenario.bestLevels?.find((entry) => entry.runner === label);
    return { label, runner: first?.runner ?? label, limiter: first?.limiter, best, row: rowAt(levels, best), levels };
  });
}

function refOf(scenario: ScenarioResults): VerdictRowRef | undefined {
  const verdict = scenario.verdict;
  if (verdict === undefined) return undefined;
  return verdict.kind === 'tie' ? verdict.best : verdict;
}

/** The row the verdict names as best (the winner, the tie's best, the single model): what "best goodput" shows. */
export function verdictRow(scenario: ScenarioResults): CompletedResult | undefined {
  const ref = refOf(scenario);
  if (ref === undefined) return undefined;
  return closedLoop(scenario).find((result) => modelName(result) === ref.runner && result.concurrency === ref.concurrency);
}

/** The labels the verdict leaves standing: the winner, every tied model, or the single one. */
export function leaderLabels(scenario: ScenarioResults): string[] {
  const verdict = scenario.verdict;
  if (verdict === undefined) return [];
  return verdict.kind === 'tie' ? [...verdict.runners] : [verdict.runner];
}
