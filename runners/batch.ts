import { performance } from 'node:perf_hooks';
import type { HttpClient } from './http-client.ts';
import { OutcomeRecorder, type BatchOutcome, type ProcessUsage } from './outcome.ts';
import type { BatchPlan } from './types.ts';

/**
 * The work every runner does, wherever it runs: `plan.requests` GETs with at most `plan.concurrency` in flight.
 * `concurrency` lanes each take the next request as soon as their previous one ends, so the limit is exact.
 */
export async function executeBatch(
  client: HttpClient,
  plan: BatchPlan,
  processUsage?: () => ProcessUsage,
): Promise<BatchOutcome> {
  const recorder = new OutcomeRecorder();
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < plan.requests) {
      started += 1;
      const begin = performance.now();
      const response = await client.get(plan.path);
      recorder.record(performance.now() - begin, response);
    }
  };
  const lanes = Math.max(1, Math.min(plan.concurrency, plan.requests));
  await Promise.all(Array.from({ length: lanes }, lane));
  return recorder.finish(processUsage ? [processUsage()] : []);
}
