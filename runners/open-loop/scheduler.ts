/** Time as every process of a run reads it: wall-clock ms with sub-millisecond resolution, one epoch for all. */
export interface OpenLoopClock {
  now(): number;
  /** Calls `wake` at or after `atMs`. */
  wakeAt(atMs: number, wake: () => void): void;
}

export const realClock: OpenLoopClock = {
  now: () => performance.timeOrigin + performance.now(),
  wakeAt: (atMs, wake) => void setTimeout(wake, Math.max(0, atMs - (performance.timeOrigin + performance.now()))),
};

/** One worker's part of an open-loop level: which requests arrive when, and how many it may keep in flight. */
export interface OpenLoopShare {
  /** Request indices of this worker's arrivals, in arrival order. */
  readonly indices: Int32Array;
  /** Intended start of every request of the level (ms after epochMs), indexed by request index. */
  readonly offsetsMs: Float64Array;
  readonly epochMs: number;
  /** In-flight limit of this worker; arrivals beyond it wait in its queue. */
  readonly concurrency: number;
  /** Arrivals that may wait at most; one more is dropped (counted, never sent). */
  readonly maxQueue: number;
  /**
   * No request starts later than this (ms after epochMs): what still waits then expires (counted, never sent), so a
   * model far past its capacity ends its run instead of draining a queue for minutes (k6's gracefulStop). Absent: never.
   */
  readonly stopAfterMs?: number | undefined;
}

export interface OpenLoopCounts {
  readonly sent: number;
  readonly dropped: number;
  /** Still waiting for a slot when the run's stopAfterMs passed: never sent. */
  readonly expired: number;
  /** Sent more than LATE_MS after their intended start: they waited for a slot (or for the loop). */
  readonly late: number;
  readonly queueHighWater: number;
  /** When the last request was sent, ms after the epoch (for the achieved rate). */
  readonly lastSentOffsetMs: number;
}

/** A request that waited this long past its intended start counts as late (timer granularity is about 1 ms). */
export const LATE_MS = 2;

/**
 * The one open-loop scheduler every model runs (wrk2's and k6's arrival-rate idea): requests arrive at their
 * intended times whether or not earlier ones have answered; one that finds every slot busy waits in the queue, and
 * its latency still runs from its intended start (no coordinated omission). `send(index, intendedMs)` resolves
 * when the request and its CPU work are done
 * (it should not reject; a rejection counts as done).
 */
export function runOpenLoop(
  share: OpenLoopShare,
  send: (index: number, intendedMs: number) => Promise<void>,
  clock: OpenLoopClock = realClock,
): Promise<OpenLoopCounts> {
  const { indices, offsetsMs, epochMs } = share;
  const queue = new Int32Array(Math.max(1, Math.min(indices.length, Number.isFinite(share.maxQueue) ? share.maxQueue : indices.length)));
  let head = 0;
  let queued = 0;
  let next = 0;
  let inFlight = 0;
  let sent = 0;
  let dropped = 0;
  let expired = 0;
  const stopAt = share.stopAfterMs === undefined ? Number.POSITIVE_INFINITY : epochMs + share.stopAfterMs;
  let late = 0;
  let highWater = 0;
  let lastSent = 0;
  let finished = 0;
  let waking = false;
  return new Promise((resolve) => {
    const done = (): void => {
      if (finished + dropped + expired === indices.length)
        resolve({ sent, dropped, expired, late, queueHighWater: highWater, lastSentOffsetMs: lastSent });
    };
    const start = (index: number): void => {
      inFlight += 1;
      sent += 1;
      const intended = epochMs + (offsetsMs[index] ?? 0);
      const now = clock.now();
      lastSent = now - epochMs;
      if (now - intended > LATE_MS) late += 1;
      // A rejected send still frees its slot: otherwise one failure would hang the run with its slot held.
      const settle = (): void => {
        inFlight -= 1;
        finished += 1;
        pump();
        done();
      };
      send(index, intended).then(settle, settle);
    };
    const pump = (): void => {
      const now = clock.now();
      while (next < indices.length && epochMs + (offsetsMs[indices[next] ?? 0] ?? 0) <= now) {
        const index = indices[next] ?? 0;
        next += 1;
        if (now > stopAt) expired += 1;
        else if (inFlight < share.concurrency && queued === 0) start(index);
        else if (queued < share.maxQueue) {
          queue[(head + queued) % queue.length] = index;
          queued += 1;
          if (queued > highWater) highWater = queued;
        } else dropped += 1;
      }
      if (now > stopAt) {
        expired += queued;
        queued = 0;
      }
      while (inFlight < share.concurrency && queued > 0) {
        const index = queue[head] ?? 0;
        head = (head + 1) % queue.length;
        queued -= 1;
        start(index);
      }
      if (next < indices.length && !waking) {
        waking = true;
        clock.wakeAt(epochMs + (offsetsMs[indices[next] ?? 0] ?? 0), () => {
          waking = false;
          pump();
        });
      }
    };
    if (indices.length === 0) resolve({ sent, dropped, expired, late, queueHighWater: 0, lastSentOffsetMs: 0 });
    else pump();
    done();
  });
}
