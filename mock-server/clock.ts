/**
 * The mock server's clock: monotonic ms from process.hrtime, which every thread of the process reads alike
 * (performance.now() has a different origin in each thread, and the clock thread must compare deadlines).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Layout of the memory the main thread shares with its clock thread (clock-worker.mjs). */
export const CLOCK_SLOTS = {
  /** Float64: the next deadline in monotonicMs(); +Infinity when none. */
  deadlineOffset: 0,
  /** Int32 view starting here: [version, bumped whenever the main thread writes a deadline; stop flag]. */
  controlOffset: 8,
  versionIndex: 0,
  stopIndex: 1,
  bytes: 16,
} as const;
