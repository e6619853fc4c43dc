import { performance } from 'node:perf_hooks';

/** Ms on process.hrtime's scale, which every thread of the process shares (the clock thread reads it directly). */
function hrtimeMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

// performance.now() runs on the same monotonic clock as process.hrtime but from this thread's own origin,
// and is cheaper to read (no BigInt) on the path of every request: shift it once onto hrtime's scale.
const SHIFT_MS = hrtimeMs() - performance.now();

/** The mock server's clock: monotonic ms, comparable with the clock thread's (see clock-worker.mjs). */
export function monotonicMs(): number {
  return performance.now() + SHIFT_MS;
}

/** Layout of the memory the main thread shares with its clock thread (clock-worker.mjs). */
export const CLOCK_SLOTS = {
  /** Float64 view starting here: [the earliest deadline, the one after it], in monotonicMs(); +Infinity when none. */
  timesOffset: 0,
  nextIndex: 0,
  afterIndex: 1,
  /** Int32 view starting here: [version, bumped whenever the main thread publishes; stop flag; mode; taken]. */
  controlOffset: 16,
  versionIndex: 0,
  stopIndex: 1,
  /** Messages the main thread has taken (run the deadlines due) so far. */
  takenIndex: 3,
  /** What the clock thread sleeps towards: the published next deadline, the one after it, or a new version. */
  modeIndex: 2,
  towardsNext: 0,
  towardsAfter: 1,
  waitingForUpdate: 2,
  bytes: 32,
} as const;
