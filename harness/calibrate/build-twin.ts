import { scenarioSchema, type Scenario } from '../../scenarios/schema.ts';
import type { CapacityEstimate } from './estimate-capacity.ts';
import type { RateLimitEstimate } from './estimate-rate-limit.ts';
import type { LatencyFit } from './fit-types.ts';

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

/** Requests the service serves at once, when the sweep found a limit. */
export function twinCapacity(estimate: CapacityEstimate): number | undefined {
  if (estimate.kind === 'estimated') return Math.max(1, Math.round(estimate.capacity));
  if (estimate.kind === 'at-most') return Math.max(1, estimate.atMost);
  return undefined;
}

/** A scenario (valid for scenarios/schema.ts) whose mock-server profile behaves like the calibrated service. */
export function buildTwin(input: TwinInput): Scenario {
  const capacity = twinCapacity(input.capacity);
  const rate = input.rateLimit.kind === 'estimated' ? Number(input.rateLimit.perSecond.toFixed(2)) : undefined;
  const facts = [
    `latency ${input.fit.chosen.family} (KS ${input.fit.chosen.ksDistance.toFixed(3)})`,
    capacity === undefined ? 'no capacity limit found' : `capacity ${capacity}`,
    rate === undefined ? 'no rate limit found' : `rate limit ${rate}/s`,
    `error rate ${(input.errorRate * 100).toFixed(2)}%`,
  ];
  return scenarioSchema.parse({
    id: input.id,
    title: `Twin of ${input.targetLabel}`.slice(0, 200),
    description: `Calibrated ${new Date().toISOString().slice(0, 10)} from ${input.targetLabel}: ${facts.join(', ')}.`.slice(0, 4000),
    server: {
      ...input.fit.chosen.server,
      bodyBytes: Math.max(2, Math.round(input.meanBodyBytes)),
      ...(capacity === undefined ? {} : { capacity }),
      ...(rate === undefined ? {} : { rateLimit: rate }),
      ...(input.errorRate > 0 ? { errorRate: Number(input.errorRate.toFixed(4)) } : {}),
    },
    workload: { requests: 200, path: '/' },
    concurrency: [...input.levels],
    iterations: 3,
    warmupIterations: 1,
  });
}
