import type { CompletedResult, ResultsFile, RunnerResult, ThresholdReport } from '../../results/types.ts';
import type { Threshold, ThresholdOperator } from './parse-threshold.ts';

/** The result's value of the threshold's metric, in the threshold's unit. */
function metricValue(result: CompletedResult, threshold: Threshold): number {
  switch (threshold.metric) {
    case 'errors':
      return (result.errors.total / Math.max(1, result.attempts.firstTries)) * 100;
    case 'throughput':
      return result.throughput.mean;
    default: {
      const ms = result.latencyMs[threshold.metric];
      return threshold.unit === 's' ? ms / 1000 : ms;
    }
  }
}

export function compare(value: number, operator: ThresholdOperator, limit: number): boolean {
  switch (operator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

/** Every threshold against every completed result of a scenario (a failed result has no value to check). */
export function checkResults(results: readonly RunnerResult[], thresholds: readonly Threshold[]): ThresholdReport[] {
  return thresholds.map((threshold) => ({
    expression: threshold.expression,
    results: results.flatMap((result) => {
      if (result.state !== 'completed') return [];
      const value = metricValue(result, threshold);
      const limiter = result.limiter === undefined ? {} : { limiter: result.limiter };
      return [
        {
          runner: result.runner,
          ...limiter,
          concurrency: result.concurrency,
          value,
          pass: compare(value, threshold.operator, threshold.value),
        },
      ];
    }),
  }));
}

/** Checks that failed, as `expression: runner at N in flight (value)` lines. */
export function brokenThresholds(results: ResultsFile): string[] {
  return results.scenarios.flatMap((scenario) =>
    (scenario.thresholds ?? []).flatMap((report) =>
      report.results
        .filter((check) => !check.pass)
        .map(
          (check) =>
            `${scenario.id}: ${report.expression} broken by ${check.runner}${check.limiter === undefined ? '' : `/${check.limiter}`} at ${check.concurrency} in flight (${check.value.toPrecision(4)})`,
        ),
    ),
  );
}
