import { performance } from 'node:perf_hooks';
import { batchIdentity } from '../batch-identity.ts';
import type { HttpClient } from '../http-client.ts';
import type { BatchPlan, WorkSpec } from '../batch-spec.ts';
import { OutcomeRecorder, type BatchOutcome, type ProcessUsage } from '../outcome.ts';
import { doWork } from '../work.ts';
import { LatencyRecorder } from '../latency-recorder.ts';
import { arrivalOffsetsMs, shareOfArrivals } from './arrivals.ts';
import { realClock, runOpenLoop, type OpenLoopClock } from './scheduler.ts';
import type { OpenLoopSpec } from './spec.ts';

/** @public Exported so the work it sums is observable and never optimised away. */
export let openWorkSink = 0;

export interface OpenShareOptions {
  readonly seed: number;
  readonly processUsage?: (() => ProcessUsage) | undefined;
  readonly clock?: OpenLoopClock | undefined;
}

/**
 * One worker's share of an open-loop run, wherever it runs: its arrivals (every workers-th) started at their intended
 * times by the one scheduler, at most `plan.concurrency` in flight, each with its identity (index = arrival number).
 * The outcome's `latency` runs from the intended start (no coordinated omission), `open.service` from the actual
 * send; the slot wait is the time between the two. The server time split is of the exchange, as in a batch.
 */
export async function runOpenShare(
  client: HttpClient,
  plan: BatchPlan,
  spec: OpenLoopSpec,
  work: WorkSpec,
  options: OpenShareOptions,
): Promise<BatchOutcome> {
  const clock = options.clock ?? realClock;
  const offsetsMs = arrivalOffsetsMs(spec.arrivals, spec.ratePerSecond, spec.durationMs, spec.seed);
  const exchange = new OutcomeRecorder();
  const fromIntended = new LatencyRecorder();
  const identity = batchIdentity(options.seed, plan.stream, plan.iteration);
  const loopBefore = performance.eventLoopUtilization();
  const share = {
    indices: shareOfArrivals(offsetsMs.length, spec.worker, spec.workers),
    offsetsMs,
    epochMs: spec.epochMs,
    concurrency: Math.max(1, plan.concurrency),
    maxQueue: spec.maxQueue ?? Number.POSITIVE_INFINITY,
    stopAfterMs: spec.stopAfterMs,
  };
  const counts = await runOpenLoop(
    share,
    async (index, intendedMs) => {
      const begin = clock.now();
      const response = await client.get(plan.path, identity, index);
      const answered = clock.now();
      if (response.errorKind === undefined) openWorkSink ^= doWork(work.cpuWork, response.body ?? '', work.busyRate);
      fromIntended.record(answered - intendedMs);
      exchange.record(answered - begin, response, Math.max(0, begin - intendedMs), clock.now() - answered);
    },
    clock,
  );
  const loop = performance.eventLoopUtilization(loopBefore).utilization;
  const outcome = exchange.finish(loop, options.processUsage ? [options.processUsage()] : []);
  return { ...outcome, latenciesUs: fromIntended.values(), open: { serviceUs: outcome.latenciesUs, counts } };
}
