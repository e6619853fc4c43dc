import { scenarioSchema, type Scenario } from '../../scenarios/schema.ts';
import { describeFamily, describeRatio } from './describe-fit.ts';
import type { CapacityEstimate } from './estimate-capacity.ts';
import type { RateLimitEstimate } from './estimate-rate-limit.ts';
import type { FamilyFit, LatencyFit } from './fit-types.ts';

export interface TwinInput {
  readonly id: string;
  /** The target as results may show it (secrets redacted). */
  readonly targetLabel: string;
  readonly fit: LatencyFit;
  readonly meanBodyBytes: number;
  readonly capacity: CapacityEstimate;
  readonly rateLimit: RateLimitEstimate;
  /** Failures other than 429 over the sequential requests. */
  readonly errorRate: number;
  /** The in-flight levels measured: the twin's concurrency levels. */
  readonly levels: readonly number[];
}

/** Measured iterations per level: from 5 on, results carry 95% intervals and the verdicts a Welch test (principle 12). */
const TWIN_ITERATIONS = 5;
/** Requests per lane per batch in the twin's quick profile, as in the built-in scenarios' quick profiles. */
const QUICK_ROUNDS = 8;

/** Requests the service serves at once, when the sweep found a limit. */
function twinCapacity(estimate: CapacityEstimate): number | undefined {
  if (estimate.kind === 'estimated') return Math.max(1, Math.round(estimate.capacity));
  if (estimate.kind === 'at-most') return Math.max(1, estimate.atMost);
  return undefined;
}

/**
 * The levels the twin's quick profile measures: the knee with a level on each side, so the limit is bracketed;
 * with no knee, the two highest levels (throughput still grew there); when the lowest level was already full, it
 * and the next one.
 */
function quickLevels(levels: readonly number[], estimate: CapacityEstimate): number[] {
  const sorted = [...new Set(levels)].sort((a, b) => a - b);
  const centre =
    estimate.kind === 'estimated' ? estimate.kneeInFlight : estimate.kind === 'at-most' ? estimate.atMost : sorted[sorted.length - 1];
  const index = centre === undefined ? -1 : sorted.indexOf(centre);
  if (index < 0) return sorted.slice(-2);
  return sorted.slice(Math.max(0, index - 1), index + 2);
}

/** Parameters rounded to 0.01 ms (and shapes to 3 decimals): finer than any sweep measures them, short enough to read. */
function roundedServer(fit: FamilyFit): FamilyFit['server'] {
  const round = (value: number, digits: number): number => Number(value.toFixed(digits));
  const server = fit.server;
  return {
    ...server,
    latencyMs: round(server.latencyMs, 2),
    ...('latencySpreadMs' in server ? { latencySpreadMs: round(server.latencySpreadMs, 2) } : {}),
    ...('paretoShape' in server ? { paretoShape: round(server.paretoShape, 3) } : {}),
  };
}

/** A scenario (valid for scenarios/schema.ts) whose mock-server profile behaves like the calibrated service. */
export function buildTwin(input: TwinInput): Scenario {
  const capacity = twinCapacity(input.capacity);
  const rate = input.rateLimit.kind === 'estimated' ? Number(input.rateLimit.perSecond.toFixed(2)) : undefined;
  const facts = [
    `latency ${describeFamily(input.fit.chosen)} (KS ${input.fit.chosen.ksDistance.toFixed(3)})`,
    capacity === undefined ? 'no capacity limit found' : `capacity ${capacity}`,
    rate === undefined ? 'no rate limit found' : `rate limit ${Math.round(rate).toLocaleString('en-US')}/s`,
    `error rate ${describeRatio(input.errorRate)}`,
  ];
  return scenarioSchema.parse({
    id: input.id,
    title: `Twin of ${input.targetLabel}`.slice(0, 200),
    description: `Calibrated ${new Date().toISOString().slice(0, 10)} from ${input.targetLabel}: ${facts.join(', ')}.`.slice(0, 4000),
    server: {
      ...roundedServer(input.fit.chosen),
      bodyBytes: Math.max(2, Math.round(input.meanBodyBytes)),
      ...(capacity === undefined ? {} : { capacity }),
      ...(rate === undefined ? {} : { rateLimit: rate }),
      ...(input.errorRate > 0 ? { errorRate: Number(input.errorRate.toFixed(4)) } : {}),
    },
    workload: { requests: 200, path: '/' },
    concurrency: [...input.levels],
    iterations: TWIN_ITERATIONS,
    warmupIterations: 1,
    profiles: {
      quick: {
        rounds: QUICK_ROUNDS,
        concurrency: quickLevels(input.levels, input.capacity),
        iterations: TWIN_ITERATIONS,
        warmupIterations: 1,
      },
    },
  });
}
