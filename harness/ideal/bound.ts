import type { IdealLimit } from '../../results/types.ts';

export interface BoundInput {
  readonly requests: number;
  /** Requests the model keeps in flight. */
  readonly inFlight: number;
  readonly meanLatencyMs: number;
  /** CPU work per response, in ms (0 when none, or not known before the run, as for json/html parsing). */
  readonly cpuWorkMs: number;
  /** Threads that can do that work at once: 1 for the main-loop runners, min(pool, cores) for pools. */
  readonly cpuParallelism: number;
  /** Requests the server serves at once, if limited. */
  readonly serverCapacity?: number | undefined;
  /** Requests per second the server accepts, if rate-limited. */
  readonly rateLimitPerSecond?: number | undefined;
}

export interface ClosedFormBound {
  readonly wallMs: number;
  readonly limitedBy: IdealLimit;
}

/**
 * The best wall time a batch can have, from the tightest of four limits:
 * - latency: each lane serves ceil(N / inFlight) requests one after another, each latency + its CPU work
 *   (sequential: N x (latency + work));
 * - cpu: N x work spread over the threads that can compute at once;
 * - capacity: the server answers at most `capacity` at a time, ceil(N / capacity) rounds of the latency;
 * - rate limit: N requests at R per second.
 */
export function closedFormBound(input: BoundInput): ClosedFormBound {
  const inFlight = Math.max(1, input.inFlight);
  const candidates: [IdealLimit, number][] = [
    ['latency', Math.ceil(input.requests / inFlight) * (input.meanLatencyMs + input.cpuWorkMs)],
    ['cpu', (input.requests * input.cpuWorkMs) / Math.max(1, input.cpuParallelism)],
  ];
  if (input.serverCapacity !== undefined && input.serverCapacity < inFlight) {
    candidates.push(['capacity', Math.ceil(input.requests / input.serverCapacity) * input.meanLatencyMs]);
  }
  if (input.rateLimitPerSecond !== undefined && input.rateLimitPerSecond > 0) {
    candidates.push(['rate-limit', (input.requests / input.rateLimitPerSecond) * 1000]);
  }
  const [limitedBy, wallMs] = candidates.reduce((best, next) => (next[1] > best[1] ? next : best));
  return { wallMs, limitedBy };
}

export function efficiency(idealMs: number, measuredMs: number): number {
  return measuredMs > 0 ? idealMs / measuredMs : 0;
}
