import { backoffMs, jitterRandom } from '../../runners/backoff.ts';
import type { ClientConfig } from '../../runners/client-config.ts';
import type { RunnerLayout } from '../../runners/types.ts';
import { REPLAY_LIMITS, replayBatch, type ReplayInput, type ReplayLimit } from './replay/index.ts';
import type { ScenarioIdeal } from './scenario-ideal.ts';

export interface ExactIdeal {
  /** Mean makespan of the replayed iterations. */
  readonly wallMs: number;
  /** The resource that took most of the critical lanes' time, summed over the iterations. */
  readonly limitedBy: ReplayLimit;
  /**
   * Requests a zero-overhead client keeps in flight on average over the batch (each request's latency and CPU work
   * over the makespan): below the limit when lanes wait on a slow tail at the batch's end, or on the server.
   */
  readonly meanInFlight: number;
  /** Each replayed iteration's makespan, in the order given: what each batch alone would take without overhead. */
  readonly perIterationMs: readonly number[];
}

export interface LevelReplay {
  readonly ideal: ScenarioIdeal;
  readonly requests: number;
  readonly layout: RunnerLayout;
  readonly client: ClientConfig;
}

/** The profile's phases by request index, where any changes the capacity (time-based phases are not replayed). */
function capacityPhases(profile: ScenarioIdeal['profile']): { capacityPhases?: { afterRequests: number; capacity: number | undefined }[] } {
  const byIndex = profile.phases.flatMap((phase) =>
    phase.afterRequests === undefined ? [] : [{ afterRequests: phase.afterRequests, capacity: phase.capacity }],
  );
  return byIndex.some((phase) => phase.capacity !== profile.capacity) ? { capacityPhases: byIndex } : {};
}

/** The replay's input for one iteration of a level: the same lanes, decisions, server, retries and work as the batch. */
export function replayInput(level: LevelReplay, iteration: number): ReplayInput {
  const { ideal, client } = level;
  const { stream, seed, profile, host } = ideal;
  const policy = client.retry;
  return {
    requests: level.requests,
    lanes: level.layout.inFlight,
    decide: (index, attempt) => ideal.decider.decideFor({ stream, iteration, index, attempt }),
    server: {
      capacity: profile.capacity,
      queueLimit: profile.queueLimit,
      rateLimit: profile.rateLimit,
      ...(profile.slowdown.contention > 0 || profile.slowdown.coherency > 0 ? { slowdown: profile.slowdown } : {}),
      ...capacityPhases(profile),
    },
    retry: {
      maxRetries: policy.maxRetries,
      retryOn: policy.retryOn,
      honourRetryAfter: policy.honourRetryAfter,
      maxRetryAfterMs: policy.maxRetryAfterMs,
      backoffMs: (index, retry) => backoffMs(retry, policy, jitterRandom(seed, stream, iteration, index, retry)),
    },
    headersTimeoutMs: client.headersTimeoutMs,
    cpuWorkMs: ideal.cpuWorkMs,
    cpuExecutors: Math.max(1, Math.min(level.layout.workers, ideal.cores)),
    roundTripFloorMs: host.roundTripFloorMs,
    bytesPerMs: host.bytesPerMs,
  };
}

/**
 * The exact zero-overhead ideal of a level: each measured iteration replayed (iterations meet different
 * request identities, so different latencies and faults), and the mean of their makespans.
 */
export function exactIdeal(level: LevelReplay, iterations: readonly number[]): ExactIdeal {
  const path: Record<ReplayLimit, number> = { latency: 0, cpu: 0, capacity: 0, 'rate-limit': 0, retries: 0, bytes: 0 };
  let total = 0;
  let busy = 0;
  const perIterationMs: number[] = [];
  for (const iteration of iterations) {
    const input = replayInput(level, iteration);
    const result = replayBatch(input);
    total += result.makespanMs;
    perIterationMs.push(result.makespanMs);
    busy += result.requestLatenciesMs.reduce((sum, ms) => sum + ms, 0) + (input.requests - result.errors.total) * input.cpuWorkMs;
    for (const limit of REPLAY_LIMITS) path[limit] += result.criticalPathMs[limit];
  }
  const limitedBy = REPLAY_LIMITS.reduce((best, limit) => (path[limit] > path[best] ? limit : best));
  return {
    wallMs: iterations.length > 0 ? total / iterations.length : 0,
    limitedBy,
    meanInFlight: total > 0 ? busy / total : 0,
    perIterationMs,
  };
}
