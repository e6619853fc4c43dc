import { concatLatencies } from '../latency-recorder.ts';
import type { OpenLoopCounts } from './scheduler.ts';

/**
 * What an open-loop share adds to its outcome: the service times in microseconds (from the actual send; the
 * outcome's own latencies then run from the intended start) and the scheduler's counts.
 */
export interface OpenLoopPart {
  readonly serviceUs: Uint32Array;
  readonly counts: OpenLoopCounts;
}

/**
 * Workers' shares (or iterations) as one: sent, dropped, expired and late add up; the queue high-water and the last send are
 * the largest any share saw (each worker has its own queue, and all count from one epoch).
 */
export function mergeOpenParts(parts: readonly OpenLoopPart[]): OpenLoopPart | undefined {
  if (parts.length === 0) return undefined;
  let sent = 0;
  let dropped = 0;
  let expired = 0;
  let late = 0;
  let queueHighWater = 0;
  let lastSentOffsetMs = 0;
  for (const part of parts) {
    sent += part.counts.sent;
    dropped += part.counts.dropped;
    expired += part.counts.expired;
    late += part.counts.late;
    queueHighWater = Math.max(queueHighWater, part.counts.queueHighWater);
    lastSentOffsetMs = Math.max(lastSentOffsetMs, part.counts.lastSentOffsetMs);
  }
  return {
    serviceUs: concatLatencies(parts.map((part) => part.serviceUs)),
    counts: { sent, dropped, expired, late, queueHighWater, lastSentOffsetMs },
  };
}
