import type { ArrivalKind } from './arrivals.ts';

/** The open-loop limit when `--concurrency` is not given: generous, so the model's queue (not the limit) shows the load. */
export const DEFAULT_OPEN_LOOP_CONCURRENCY = 256;
/** Warm-up before each open-loop level: one run this long (or the duration, if shorter) at the level's rate. */
export const OPEN_LOOP_WARMUP_MS = 1000;
/** How far in the future the harness sets a run's epoch, so every worker has its plan before the first arrival. */
export const OPEN_LOOP_LEAD_MS = 100;

/**
 * After the duration, requests still waiting for a slot may start for this long; then the rest expire (counted in
 * `arrival.expired`, never sent), so a model far past its capacity (sequential at 2,000/s) ends its run.
 */
export const OPEN_LOOP_GRACE_MS = 5000;

/** What `--arrival-rate`, `--duration`, `--arrivals` and `--max-queue` ask for: one level per rate. */
export interface OpenLoopSettings {
  /** Offered rates, requests per second, ascending. */
  readonly rates: readonly number[];
  readonly durationMs: number;
  readonly arrivals: ArrivalKind;
  /** Arrivals that may wait for a slot (split over a pool's workers); absent: unbounded. */
  readonly maxQueue?: number | undefined;
}

/**
 * Requests per second actually sent: sent / (last send - epoch + one gap of the offered rate). The added gap makes a
 * run that keeps up score exactly the offered rate (n arrivals span n - 1 gaps); a model that falls behind sends its
 * last request late, so its achieved rate falls below the offered one.
 */
export function achievedRate(sent: number, lastSentOffsetMs: number, offeredRate: number): number {
  return sent === 0 ? 0 : sent / ((lastSentOffsetMs + 1000 / offeredRate) / 1000);
}
