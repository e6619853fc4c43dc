import { performance } from 'node:perf_hooks';
import { batchIdentity } from './batch-identity.ts';
import type { HttpClient } from './http-client.ts';
import { localSource, NO_MORE, type IndexSource } from './index-source.ts';
import type { BatchPlan, WorkSpec } from './job.ts';
import { OutcomeRecorder, type BatchOutcome, type ProcessUsage } from './outcome.ts';
import { doWork } from './work.ts';

/** Keeps the work's result observable so the engine cannot drop the computation. */
export let workSink = 0;

export interface BatchOptions {
  /** The run's seed, for the retry jitter of each request's identity. */
  readonly seed: number;
  /** Where the lanes take indices from: the pool's shared counter or chunks; by default all of 0..requests-1. */
  readonly source?: IndexSource | undefined;
  readonly processUsage?: (() => ProcessUsage) | undefined;
}

/**
 * The work every runner does, wherever it runs: GETs with at most `plan.concurrency` in flight, then the CPU
 * work on each response. `concurrency` lanes each take the next index as soon as their previous request (and
 * its work) ends, so the limit is exact; every request carries its identity (stream, iteration, index, attempt).
 * Every request counts as submitted when the batch starts: the time until a lane takes it is its slot wait.
 */
export async function executeBatch(client: HttpClient, plan: BatchPlan, work: WorkSpec, options: BatchOptions): Promise<BatchOutcome> {
  const recorder = new OutcomeRecorder();
  const identity = batchIdentity(options.seed, plan.stream, plan.iteration);
  const source = options.source ?? localSource(plan.requests);
  const loopBefore = performance.eventLoopUtilization();
  const batchStart = performance.now();
  const lane = async (): Promise<void> => {
    for (;;) {
      const next = source.next();
      const index = typeof next === 'number' ? next : await next;
      if (index === NO_MORE) return;
      const begin = performance.now();
      const response = await client.get(plan.path, identity, index);
      const answered = performance.now();
      if (response.errorKind === undefined) workSink ^= doWork(work.cpuWork, response.body ?? '', work.calibration);
      recorder.record(answered - begin, response, begin - batchStart, performance.now() - answered);
    }
  };
  const lanes = Math.max(1, Math.min(plan.concurrency, plan.requests));
  await Promise.all(Array.from({ length: lanes }, lane));
  const loop = performance.eventLoopUtilization(loopBefore).utilization;
  return recorder.finish(loop, options.processUsage ? [options.processUsage()] : []);
}
