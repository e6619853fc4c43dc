import { executeBatch } from './batch.ts';
import { clientFor } from './client-cache.ts';
import { toWire, type BatchOutcomeWire } from './outcome.ts';
import type { WorkerTask } from './worker-messages.ts';

/** Piscina worker: runs its share of a batch with its own client and returns the encoded outcome. */
export default async function runWorkerTask(task: WorkerTask): Promise<BatchOutcomeWire | null> {
  if (task.type === 'warm') {
    clientFor(task.setup, task.inFlight);
    return null;
  }
  const outcome = await executeBatch(clientFor(task.setup, task.plan.concurrency), task.plan, task.setup.work);
  return toWire(outcome);
}
