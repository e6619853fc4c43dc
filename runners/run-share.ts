import { executeBatch } from './batch.ts';
import type { ClientCache } from './client-cache.ts';
import type { IndexSource } from './index-source.ts';
import type { LimiterCache } from './limiter-cache.ts';
import { runOpenShare } from './open-loop/run-open-share.ts';
import type { BatchOutcome, ProcessUsage } from './outcome.ts';
import type { Share } from './worker-messages.ts';
import type { LatencyRecorder } from './latency-recorder.ts';
import { prepareWork } from './work.ts';

export interface ShareOptions {
  readonly source?: IndexSource | undefined;
  readonly processUsage?: (() => ProcessUsage) | undefined;
  readonly limiters?: LimiterCache | undefined;
  /** A worker's one latency recorder, reset by the worker once the outcome is encoded (closed-loop batches). */
  readonly latency?: LatencyRecorder | undefined;
}

/** Runs one worker's lanes of a batch with this thread's cached client: the same code on every side of every boundary. */
export async function runShare(clients: ClientCache, task: Share, options: ShareOptions = {}): Promise<BatchOutcome> {
  await prepareWork(task.setup.work.cpuWork);
  const { openLoop } = task.plan;
  const client = clients.get(task.setup, task.plan.concurrency);
  if (openLoop !== undefined) {
    return runOpenShare(client, task.plan, openLoop, task.setup.work, { seed: task.setup.seed, processUsage: options.processUsage });
  }
  return executeBatch(client, task.plan, task.setup.work, { seed: task.setup.seed, ...options });
}
