import { performance } from 'node:perf_hooks';
import type { HttpClient } from './http-client.ts';
import { OutcomeRecorder, type BatchOutcome, type ProcessUsage } from './outcome.ts';
import type { BatchPlan, WorkSpec } from './job.ts';
import { doWork } from './work.ts';

/** Keeps the work's result observable so the engine cannot drop the computation. */
export let workSink = 0;

/**
 * The work every runner does, wherever it runs: `plan.requests` GETs with at most `plan.concurrency` in flight,
 * then the CPU work on each response. `concurrency` lanes each take the next request as soon as their previous
 * one (and its work) ends, so the limit is exact. Every request counts as submitted when the batch starts:
 * the time until a lane takes it is its slot wait.
 */
export async function executeBatch(
  client: HttpClient,
  plan: BatchPlan,
  work: WorkSpec,
  processUsage?: () => ProcessUsage,
): Promise<BatchOutcome> {
  const recorder = new OutcomeRecorder();
  const loopBefore = performance.eventLoopUtilization();
  const batchStart = performance.now();
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < plan.requests) {
      started += 1;
      const begin = performance.now();
      const response = await client.get(plan.path);
      const answered = performance.now();
      if (response.errorKind === undefined) workSink ^= doWork(work.cpuWork, response.body ?? '', work.calibration);
      recorder.record(answered - begin, response, begin - batchStart, performance.now() - answered);
    }
  };
  const lanes = Math.max(1, Math.min(plan.concurrency, plan.requests));
  await Promise.all(Array.from({ length: lanes }, lane));
  const loop = performance.eventLoopUtilization(loopBefore).utilization;
  return recorder.finish(loop, processUsage ? [processUsage()] : []);
}
