import { split } from '../../common/even-split.ts';
import type { ArrivalKind } from './arrivals.ts';

/**
 * Marks a task as open loop and says what each worker needs to build its plan itself: the arrival pattern (every
 * worker derives the same offsets from it), the epoch every worker's intended times count from, and which share of
 * the arrivals is this worker's. Absent from a task: a closed-loop batch.
 */
export interface OpenLoopSpec {
  readonly arrivals: ArrivalKind;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  /** Seeds the poisson gaps (the run's seed), so every model meets the same arrival times. */
  readonly seed: number;
  /** Wall-clock ms (performance.timeOrigin + performance.now()) of the first intended start, shared by every process. */
  readonly epochMs: number;
  /** No request starts later than this after the epoch (the rest expire); absent: every arrival is sent. */
  readonly stopAfterMs?: number | undefined;
  /** Arrivals that may wait for a free slot in this worker's queue; absent: unbounded. */
  readonly maxQueue?: number | undefined;
  /** This worker takes every `workers`-th arrival, starting at arrival `worker`. */
  readonly worker: number;
  readonly workers: number;
}

/**
 * The spec worker `worker` of `workers` receives: its share of the arrivals (of the spec's own share: a segment's
 * every N-th, then every workers-th of those) and of the queue bound.
 */
export function shareSpec(spec: OpenLoopSpec, worker: number, workers: number): OpenLoopSpec {
  const maxQueue = spec.maxQueue === undefined ? undefined : split(spec.maxQueue, workers)[worker];
  return { ...spec, worker: spec.worker + spec.workers * worker, workers: spec.workers * workers, maxQueue };
}
