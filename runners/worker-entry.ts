import { setTimeout as sleep } from 'node:timers/promises';
import { testFaultAfter } from '../common/test-fault.ts';
import { ClientCache } from './client-cache.ts';
import { sharedCounterSource } from './index-source.ts';
import { LimiterCache } from './limiter-cache.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import type { BatchOutcome } from './outcome.ts';
import { runShare } from './run-share.ts';
import type { ThreadMessage } from './worker-messages.ts';

const clients = new ClientCache();
const limiters = new LimiterCache();
// One recorder for every share this thread runs: copied into the outcome, then reset.
const latency = new LatencyRecorder();
const LOAD_HOLD_MS = 20;
// Test hook (common/test-fault.ts): after n shares this thread throws an uncaught error on the next one.
const throwAfter = testFaultAfter('throw-in-worker-after');
let shares = 0;

/** Piscina worker: runs its lanes of a batch with its own client, pulling indices from the shared counter. */
export default async function runThreadMessage(task: ThreadMessage): Promise<BatchOutcome | null> {
  if (task === null) {
    await sleep(LOAD_HOLD_MS);
    return null;
  }
  shares += 1;
  if (throwAfter !== undefined && shares > throwAfter) {
    setImmediate(() => {
      throw new Error(`worker thread threw (test hook CB_TEST_FAULT=throw-in-worker-after:${throwAfter})`);
    });
    await sleep(60_000);
  }
  try {
    return await runShare(clients, task, { source: sharedCounterSource(task.counter, task.plan.requests), limiters, latency });
  } finally {
    // Also after a failed share, so the next one starts empty.
    latency.reset();
  }
}
