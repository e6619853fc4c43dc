import { executeBatch } from './batch.ts';
import type { ClientCache } from './client-cache.ts';
import type { IndexSource } from './index-source.ts';
import type { LimiterCache } from './limiter-cache.ts';
import { runOpenShare } from './open-loop/run-open-share.ts';
import type { BatchOutcome, ProcessUsage } from './outcome.ts';
import type { ShareTask } from './worker-messages.ts';

/** Runs one worker's lanes of a batch with this thread's cached client: the same code on every side of every boundary. */
export function runShare(
  clients: ClientCache,
  task: ShareTask,
  source?: IndexSource,
  processUsage?: () => ProcessUsage,
  limiters?: LimiterCache,
): Promise<BatchOutcome> {
  const { openLoop } = task.plan;
  if (openLoop !== undefined) {
    return runOpenShare(clients.get(task.setup, task.plan.concurrency), task.plan, openLoop, task.setup.work, {
      seed: task.setup.seed,
      processUsage,
    });
  }
  return executeBatch(clients.get(task.setup, task.plan.concurrency), task.plan, task.setup.work, {
    seed: task.setup.seed,
    source,
    processUsage,
    limiters,
  });
}
