import { UsageError } from '../../common/usage-error.ts';

const THRESHOLD_METRICS = ['p50', 'p90', 'p99', 'p999', 'max', 'errors', 'throughput'] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];
export type ThresholdOperator = '<' | '<=' | '>' | '>=';
type ThresholdUnit = 'ms' | 's' | '%' | '/s';

/** One `--threshold`, e.g. `p99<200ms`: a metric, an operator and a value in the unit written. */
export interface Threshold {
  readonly expression: string;
  readonly metric: ThresholdMetric;
  readonly operator: ThresholdOperator;
  readonly value: number;
  readonly unit: ThresholdUnit;
}

const GRAMMAR = /^\s*(p50|p90|p99|p999|max|errors|throughput)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*(ms|s|%|\/s)\s*$/;

const UNITS: Readonly<Record<ThresholdMetric, readonly ThresholdUnit[]>> = {
  p50: ['ms', 's'],
  p90: ['ms', 's'],
  p99: ['ms', 's'],
  p999: ['ms', 's'],
  max: ['ms', 's'],
  errors: ['%'],
  throughput: ['/s'],
};

const EXPECTED =
  'METRIC OP VALUE UNIT (metric p50|p90|p99|p999|max|errors|throughput, op < <= > >=, unit ms|s for latency, % for errors, /s for throughput; e.g. `p99<200ms`)';

/** Parses one threshold; anything else is one line naming the grammar (exit 2). */
export function parseThreshold(raw: string): Threshold {
  const match = GRAMMAR.exec(raw);
  const [, metric, operator, value, unit] = match ?? [];
  const allowed = metric === undefined ? undefined : UNITS[metric as ThresholdMetric];
  if (!metric || !operator || !value || !unit || !allowed?.includes(unit as ThresholdUnit)) {
    throw new UsageError(`Expected \`--threshold\` to be ${EXPECTED}, got \`${raw}\``);
  }
  return {
    expression: raw.trim(),
    metric: metric as ThresholdMetric,
    operator: operator as ThresholdOperator,
    value: Number(value),
    unit: unit as ThresholdUnit,
  };
}
