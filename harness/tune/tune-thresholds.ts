import { UsageError } from '../../common/usage-error.ts';
import type { ThresholdReport } from '../../results/types.ts';
import { compare } from '../thresholds/check-thresholds.ts';
import type { Threshold, ThresholdMetric } from '../thresholds/parse-threshold.ts';
import type { TuneFile, TunePoint } from '../../results/tune-types.ts';

/** What a tune point measures: p50 and p99 latency, the error rate and throughput (no p90, p99.9 or max). */
const TUNE_METRICS: readonly ThresholdMetric[] = ['p50', 'p99', 'errors', 'throughput'];

/** A --threshold on a metric tune does not record is bad input, refused before any sweep. */
export function checkTuneMetrics(thresholds: readonly Threshold[]): void {
  const unsupported = thresholds.find((threshold) => !TUNE_METRICS.includes(threshold.metric));
  if (unsupported) {
    throw new UsageError(`Expected a tune \`--threshold\` on ${TUNE_METRICS.join(', ')}, got \`${unsupported.expression}\``);
  }
}

function pointValue(point: TunePoint, threshold: Threshold): number {
  switch (threshold.metric) {
    case 'errors':
      return point.errorRate * 100;
    case 'throughput':
      return point.throughput;
    default: {
      const ms = threshold.metric === 'p50' ? point.latencyMs.p50 : point.latencyMs.p99;
      return threshold.unit === 's' ? ms / 1000 : ms;
    }
  }
}

/** Every threshold against each runner's recommended setting: what the user would put in their code. */
export function checkTuneThresholds(tune: TuneFile, thresholds: readonly Threshold[]): ThresholdReport[] {
  return thresholds.map((threshold) => ({
    expression: threshold.expression,
    results: tune.recommendations.flatMap((recommendation) => {
      const point = tune.points.find(
        (candidate) =>
          candidate.runner === recommendation.runner &&
          candidate.concurrency === recommendation.concurrency &&
          candidate.throughput === recommendation.throughput,
      );
      if (!point) return [];
      const value = pointValue(point, threshold);
      return [
        {
          runner: recommendation.runner,
          concurrency: recommendation.concurrency,
          value,
          pass: compare(value, threshold.operator, threshold.value),
        },
      ];
    }),
  }));
}
