import { performance } from 'node:perf_hooks';
import { batchIdentity } from './batch-identity.ts';
import type { HttpClient } from './http-client.ts';
import { localSource, type IndexSource } from './index-source.ts';
import type { BatchPlan, WorkSpec } from './batch-spec.ts';
import { LimiterCache } from './limiter-cache.ts';
import { feedbackOf } from './limiters/feedback.ts';
import { batchTrace } from './limit-trace-wire.ts';
import { isAdaptiveLimiter, type RequestFeedback } from './limiters/types.ts';
import { OutcomeRecorder, type BatchOutcome, type ProcessUsage } from './outcome.ts';
import { segmentIndex } from './segment.ts';
import { doWork } from './work.ts';
import type { LatencyRecorder } from './latency-recorder.ts';

/** @public Exported so the work it sums is observable and never optimised away. */
export let workSink = 0;

/** What a fixed limiter is told about every request: it listens to nothing, so nothing is built per request. */
const IGNORED: RequestFeedback = Object.freeze({ rttMs: 0, backpressure: false, ok: true });

export interface BatchOptions {
  /** The run's seed, for the retry jitter of each request's identity. */
  readonly seed: number;
  /** Where the limiter takes indices from: the pool's shared counter or chunks; by default all of 0..requests-1. */
  readonly source?: IndexSource | undefined;
  readonly processUsage?: (() => ProcessUsage) | undefined;
  /** This worker's limiters, one per level; without them a fresh limiter per batch. */
  readonly limiters?: LimiterCache | undefined;
  /** An empty recorder to reuse (a worker's); by default a new one, which the outcome then owns. */
  readonly latency?: LatencyRecorder | undefined;
}

/**
 * The work every runner does, wherever it runs: GETs with at most `plan.concurrency` in flight, then the CPU
 * work on each response. The plan's limiter (by default `lanes`: each lane takes the next index as soon as
 * its previous request and its work end, so the limit is exact) decides when each starts; every request
 * carries its identity (stream, iteration, index, attempt). Every request counts as submitted when the batch
 * starts: the time until the limiter starts it is its slot wait. An adaptive limiter's trace of this batch
 * travels in the outcome (times from the batch's start).
 */
export async function executeBatch(client: HttpClient, plan: BatchPlan, work: WorkSpec, options: BatchOptions): Promise<BatchOutcome> {
  const recorder = new OutcomeRecorder(options.latency);
  const identity = batchIdentity(options.seed, plan.stream, plan.iteration);
  const source = options.source ?? localSource(plan.requests);
  const limiter = (options.limiters ?? new LimiterCache()).get(plan);
  const adaptive = isAdaptiveLimiter(limiter.id);
  const loopBefore = performance.eventLoopUtilization();
  const limitAtStart = limiter.limit;
  const batchStart = performance.now();
  // Without CPU work there is nothing to time after the answer: one clock read less per request.
  const working = work.cpuWork.kind !== 'none';
  const segment = plan.segment;
  const one = async (index: number): Promise<RequestFeedback> => {
    const begin = performance.now();
    const response = await client.get(plan.path, identity, segment === undefined ? index : segmentIndex(index, segment));
    const answered = performance.now();
    if (working && response.errorKind === undefined) workSink ^= doWork(work.cpuWork, response.body ?? '', work.busyRate);
    recorder.record(answered - begin, response, begin - batchStart, working ? performance.now() - answered : 0);
    return adaptive ? feedbackOf(response, answered - begin) : IGNORED;
  };
  await limiter.run(source, one);
  const batchEnd = performance.now();
  const loop = performance.eventLoopUtilization(loopBefore).utilization;
  const outcome = recorder.finish(loop, options.processUsage ? [options.processUsage()] : []);
  return adaptive ? { ...outcome, limitTrace: batchTrace(limiter.trace(), limitAtStart, batchStart, batchEnd) } : outcome;
}
