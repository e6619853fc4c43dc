import os from 'node:os';
import type { Statistics } from 'tinybench';
import type { ServerStatsSnapshot } from '../mock-server/stats.ts';
import type { TimeSplit } from '../runners/outcome.ts';
import { mergeMeasured } from './measured-outcome.ts';
import type { RunnerDescriptor } from '../runners/descriptor.ts';
import type { RunnerLayout } from '../runners/types.ts';
import { requestsAt, type ScenarioPlan } from '../scenarios/resolve.ts';
import { latencyPercentilesMs } from '../common/histogram.ts';
import { efficiency, idealBound } from './ideal.ts';
import type { ExactIdeal } from './ideal/replay-level.ts';
import type { CompletedResult } from '../results/types.ts';
import { resourceSummary, type Sample } from './resource-summary.ts';
import { throughputFromWalls } from './statistics/throughput.ts';

export type { Sample } from './resource-summary.ts';

export interface SummariseInput {
  readonly descriptor: RunnerDescriptor;
  readonly layout: RunnerLayout;
  readonly plan: ScenarioPlan;
  readonly startupMs: number;
  readonly samples: readonly Sample[];
  /** tinybench's statistics of the batch wall time (ms), samples retained. */
  readonly wall: Statistics;
  readonly serverStats: ServerStatsSnapshot;
  /** The replay of the measured iterations (harness/ideal/replay-level.ts). */
  readonly ideal: ExactIdeal;
  /** The host tree's RSS after start-up and warm-up, before the measured batches. */
  readonly baselineRssBytes: number;
}

export function perRequest(split: TimeSplit, requests: number): CompletedResult['latencySplitMs'] {
  const n = Math.max(1, requests);
  return {
    slotWait: split.slotWaitMs / n,
    serverQueue: split.serverQueueMs / n,
    serverServe: split.serverServeMs / n,
    rest: split.restMs / n,
    backoff: split.backoffMs / n,
    work: split.workMs / n,
  };
}

/** Turns measured iterations into one results.json entry. Runs after the timed window. */
export function summarise(input: SummariseInput): CompletedResult {
  const { descriptor, layout, plan, samples, wall } = input;
  const requests = requestsAt(plan, layout.inFlight);
  const merged = mergeMeasured(samples.map((sample) => sample.outcome));
  const iterations = Math.max(1, samples.length);
  const cores = os.availableParallelism();
  const bound = idealBound({
    requests,
    inFlight: layout.inFlight,
    meanLatencyMs: plan.meanLatencyMs,
    cpuWorkMs: plan.cpuWork.kind === 'busy' ? plan.cpuWork.ms : 0,
    cpuParallelism: Math.min(layout.workers, cores),
    serverCapacity: plan.serverLimits.capacity,
    rateLimitPerSecond: plan.serverLimits.rateLimitPerSecond,
  });
  const errorsTotal = Object.values(merged.errorsByKind).reduce((sum, count) => sum + (count ?? 0), 0);
  // One throughput everywhere: requests / mean wall, consistent with the Time column (principle 12).
  const throughput = throughputFromWalls(requests, wall.samples ?? [wall.mean]);
  const latency = latencyPercentilesMs(merged.latency);
  return {
    state: 'completed',
    runner: descriptor.id,
    shape: layout.shape,
    concurrency: layout.inFlight,
    requests,
    iterations: samples.length,
    startupMs: input.startupMs,
    wallMs: { mean: wall.mean, stdev: wall.sd, min: wall.min, max: wall.max },
    throughput: {
      mean: throughput.mean,
      stdev: throughput.stdev,
      ...(throughput.ci95 === undefined ? {} : { ci95: throughput.ci95 }),
      best: throughput.best,
    },
    latencyMs: latency,
    errors: { total: errorsTotal, byKind: merged.errorsByKind },
    attempts: { firstTries: merged.requests, retries: merged.retries },
    latencySplitMs: perRequest(merged.split, merged.requests),
    statusCounts: merged.statusCounts,
    bytesPerBatch: merged.bytes / iterations,
    idealWallMs: input.ideal.wallMs,
    idealLimitedBy: input.ideal.limitedBy,
    boundWallMs: bound.wallMs,
    boundLimitedBy: bound.limitedBy,
    efficiency: efficiency(input.ideal.wallMs, wall.mean),
    overheadMs: wall.mean - input.ideal.wallMs,
    littleThroughput: latency.mean > 0 ? (layout.inFlight / latency.mean) * 1000 : undefined,
    ...resourceSummary(samples, merged, wall.mean, descriptor, input.baselineRssBytes),
    server: { maxInFlight: input.serverStats.maxInFlight, served: input.serverStats.served },
  };
}
