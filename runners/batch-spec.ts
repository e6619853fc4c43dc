import type { ClientConfig } from './client-config.ts';
import type { LimiterId } from './limiters/types.ts';
import type { OpenLoopSpec } from './open-loop/spec.ts';
import type { RateCapSpec, RequestSpec } from './request-spec.ts';
import type { Segment } from './segment.ts';
import type { CpuWork, BusyRate } from './work.ts';

/** The CPU work a runner does on each response, with the host's busy rate for `busy`. */
export interface WorkSpec {
  readonly cpuWork: CpuWork;
  readonly busyRate: BusyRate;
}

/** What the harness decides per level: where requests go, with which client, and what work they do. */
export interface BatchSetupParts {
  readonly origin: string;
  readonly client: ClientConfig;
  readonly work: WorkSpec;
  /** Method, headers and body for a --target run; absent: GET with no headers. */
  readonly request?: RequestSpec | undefined;
  /** Requests per second this worker may send at most (a remote target's cap, split across workers). */
  readonly rateCap?: RateCapSpec | undefined;
}

/** Where a worker (thread, process or the main loop) sends its requests, with which client, and what work it does. */
export interface BatchSetup extends BatchSetupParts {
  /** The run's seed: retry jitter derives from (seed, request identity), as the server's draws do. */
  readonly seed: number;
  /**
   * Whether every request carries its identity header. The harness leaves it off when the server's answers do not
   * depend on it (mock-server/identity-use.ts); retry jitter still derives from (seed, identity).
   */
  readonly identityHeader: boolean;
  /** Identifies the setup for client caches; built once, so no batch pays for serialising the setup. */
  readonly key: string;
}

export function batchSetup(parts: BatchSetupParts, seed: number, identityHeader = true): BatchSetup {
  return { ...parts, seed, identityHeader, key: JSON.stringify([seed, identityHeader, parts]) };
}

/**
 * What one batch does: `requests` GETs of `path` (indices 0..requests-1), at most `concurrency` in flight.
 * `stream` and `iteration` are the first two parts of every request's identity (common/request-identity.ts).
 */
export interface BatchPlan {
  readonly requests: number;
  readonly concurrency: number;
  readonly path: string;
  readonly stream: number;
  readonly iteration: number;
  /** How the batch keeps `concurrency` in flight (limiters/registry.ts); absent: lanes. */
  readonly limiter?: LimiterId | undefined;
  /**
   * The level this batch belongs to: a worker keeps one limiter per level (so an adaptive one carries what it
   * learned from warm-up to the measured batches) and starts a fresh one when this changes. Absent: fresh each batch.
   */
  readonly limiterLevel?: number | undefined;
  /** Present: an open-loop run (runners/open-loop/) of `requests` arrivals instead of a closed-loop batch. */
  readonly openLoop?: OpenLoopSpec | undefined;
  /**
   * Present in a segmented run: `requests` are the segment's share, and its i-th request carries identity index
   * segmentIndex(i) (runners/segment.ts). Open-loop runs take their share through the spec's worker and workers.
   */
  readonly segment?: Segment | undefined;
}

/** One measured batch: where to send it, with which client and CPU work, and how much in flight. */
export interface Batch extends BatchPlan {
  readonly setup: BatchSetup;
}

/**
 * One worker's part of a batch, as it crosses a thread or process boundary: the whole batch's plan with
 * `concurrency` = this worker's lanes; its lanes pull indices from a source the pool shares.
 */
export interface Share {
  readonly setup: BatchSetup;
  readonly plan: BatchPlan;
}
