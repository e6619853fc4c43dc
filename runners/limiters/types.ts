import type { IndexSource } from '../index-source.ts';

/** The limiter dimension: how a batch keeps at most N requests in flight (see registry.ts for the strategies). */
export const LIMITER_IDS = ['lanes', 'chunks', 'p-limit', 'p-queue', 'p-map', 'async-sema', 'aimd', 'vegas', 'gradient2', 'arc'] as const;
export type LimiterId = (typeof LIMITER_IDS)[number];

/** The adaptive ones: they move the in-flight limit between 1 and `max` from what they observe. */
export const ADAPTIVE_LIMITER_IDS = ['aimd', 'vegas', 'gradient2', 'arc'] as const satisfies readonly LimiterId[];
export type AdaptiveLimiterId = (typeof ADAPTIVE_LIMITER_IDS)[number];

export function isAdaptiveLimiter(id: LimiterId): id is AdaptiveLimiterId {
  return (ADAPTIVE_LIMITER_IDS as readonly LimiterId[]).includes(id);
}

/** What one request told the limiter; see feedback.ts for the mapping from a response record. */
export interface RequestFeedback {
  readonly rttMs: number;
  /** The server pushed back: 429, 503 or a timeout (also an earlier attempt of a retried request). */
  readonly backpressure: boolean;
  /** The request ended in a success. */
  readonly ok: boolean;
}

/** The limit at one moment. After decimation a sample holds the time-weighted means until the next sample. */
export interface LimitSample {
  readonly atMs: number;
  readonly limit: number;
  readonly inFlight: number;
}

export interface Limiter {
  readonly id: LimiterId;
  /** The limit now: fixed for the plain ones, moving for the adaptive ones. */
  readonly limit: number;
  /**
   * Starts `one(i)` for every index the source yields (a count n: 0..n-1), in the order it yields them, never
   * with more than the limit in flight, and resolves when all have ended. It takes an index only when it is
   * about to start it (or, for the queueing libraries, at most one limit's worth ahead), so pool workers
   * sharing a source split the batch by speed. `one` must not reject (the client classifies errors). One run
   * at a time; an adaptive limiter keeps what it learned (and its trace) from one run to the next.
   */
  run(source: IndexSource | number, one: (index: number) => Promise<RequestFeedback>): Promise<void>;
  /** Samples of the limit: on every change, and at each run's start and end (at most ~1,000, decimated). */
  trace(): readonly LimitSample[];
}

export interface LimiterOptions {
  /** The most in flight: the fixed limit, or the ceiling of an adaptive one (the `--concurrency` value). */
  readonly max: number;
  /** Milliseconds on a monotonic clock (performance.now in a runner, a simulated clock in tests). */
  readonly now: () => number;
}

export type LimiterFactory = (options: LimiterOptions) => Limiter;
