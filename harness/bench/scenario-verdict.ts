import { modelName } from '../../results/model-name.ts';
import type { CompletedResult, RunnerResult, ScenarioVerdict } from '../../results/types.ts';
import { verdictOf } from '../statistics/verdict.ts';
import type { VerdictRow } from '../statistics/verdict-types.ts';

// best-level.ts and scripts/self-bench read the label from here; its home is results/ (reports use it too).

/**
 * Which model (at its best level) is fastest, by Welch's test on the per-iteration throughputs: a winner only when
 * it beats every other model's best level with p < 0.05 and by at least 3%, else a tie of those it cannot be told from.
 */
export function scenarioVerdict(results: readonly RunnerResult[]): ScenarioVerdict | undefined {
  const rows: VerdictRow[] = results
    // Open-loop rows run at an offered rate: their throughput is that rate when they keep up, not a race.
    .filter((result): result is CompletedResult => result.state === 'completed' && result.arrival === undefined)
    .map((result) => ({
      runner: modelName(result),
      concurrency: result.concurrency,
      throughput: { mean: result.throughput.mean, stdev: result.throughput.stdev, n: result.iterations },
    }));
  return verdictOf(rows);
}
