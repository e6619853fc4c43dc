import { split } from '../common/even-split.ts';
import { shareSpec } from './open-loop/spec.ts';
import type { Batch, RunnerLayout } from './types.ts';
import type { Share } from './worker-messages.ts';

/** Workers used at a level: never more than the requests in flight, so each has at least one. */
export function workersFor(concurrency: number, poolSize: number): number {
  return Math.max(1, Math.min(poolSize, concurrency));
}

/**
 * One task per worker: the in-flight limit split evenly into lanes (the sum keeps it exact); the requests are
 * not split: every worker's lanes pull the batch's indices from one source, so a slow worker takes fewer.
 */
export function laneTasks(batch: Batch, workers: number): Share[] {
  const { setup, ...plan } = batch;
  const { openLoop } = plan;
  // Open loop: each worker schedules every workers-th arrival itself, under its share of the limit.
  return split(batch.concurrency, workers).map((lanes, worker) => ({
    setup,
    plan: { ...plan, concurrency: lanes, ...(openLoop === undefined ? {} : { openLoop: shareSpec(openLoop, worker, workers) }) },
  }));
}

/** `worker-threads 2x50`: workers x in flight per worker (the largest share when uneven). */
export function poolLayout(id: string, concurrency: number, poolSize: number): RunnerLayout {
  const workers = workersFor(concurrency, poolSize);
  const perWorker = split(concurrency, workers);
  const uneven = perWorker[0] !== perWorker[perWorker.length - 1];
  const lanes = perWorker[0] ?? 1;
  return { label: `${id} ${workers}x${lanes}${uneven ? ` (${concurrency} in flight)` : ''}`, inFlight: concurrency, workers, lanes };
}
