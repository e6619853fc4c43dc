import os from 'node:os';
import type { Statistics } from 'tinybench';
import type { ServerStatsSnapshot } from '../mock-server/stats.ts';
import { mergeOutcomes, type BatchOutcome, type TimeSplit } from '../runners/outcome.ts';
import type { RunnerId, RunnerLayout } from '../runners/types.ts';
import { requestsAt, type ScenarioPlan } from '../scenarios/resolve.ts';
import { latencyPercentilesMs } from '../common/histogram.ts';
import { efficiency, idealBound } from './ideal.ts';
import type { ExactIdeal } from './ideal/replay-level.ts';
import type { CompletedResult } from '../results/types.ts';
import type { MemoryPeaks } from './memory-sampler.ts';
import { saturation } from './saturation.ts';
import { throughputFromWalls } from './statistics/throughput.ts';

/** One measured iteration: the batch's outcome plus what the main process spent on it. */
export interface Sample {
  /** The batch's iteration number within its level (warm-ups count too): its requests' identities. */
  readonly iteration: number;
  readonly outcome: BatchOutcome;
  readonly mainCpuUs: number;
  readonly mainCpuUserUs: number;
  /** Peak RSS while the batch ran: main process and each worker process. */
  readonly memory: MemoryPeaks;
  readonly mainLoopUtilization: number;
}

export interface SummariseInput {
  readonly runnerId: RunnerId;
  readonly layout: RunnerLayout;
  readonly plan: ScenarioPlan;
  readonly startupMs: number;
  readonly samples: readonly Sample[];
  /** tinybench's statistics of the batch wall time (ms), samples retained. */
  readonly wall: Statistics;
  readonly serverStats: ServerStatsSnapshot;
  /** The replay of the measured iterations (harness/ideal/replay-level.ts). */
  readonly ideal: ExactIdeal;
}

const US_PER_MS = 1000;

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
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
  const { runnerId, layout, plan, samples, wall } = input;
  const requests = requestsAt(plan, layout.inFlight);
  const merged = mergeOutcomes(samples.map((sample) => sample.outcome));
  const iterations = Math.max(1, samples.length);
  const workerCpu = merged.processes.reduce((sum, usage) => sum + usage.cpuUserUs + usage.cpuSystemUs, 0);
  const workerUserCpu = merged.processes.reduce((sum, usage) => sum + usage.cpuUserUs, 0);
  const totalCpuMs = (samples.reduce((sum, s) => sum + s.mainCpuUs, 0) + workerCpu) / US_PER_MS / iterations;
  const userCpuMs = (samples.reduce((sum, s) => sum + s.mainCpuUserUs, 0) + workerUserCpu) / US_PER_MS / iterations;
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
  const coresUsed = wall.mean > 0 ? totalCpuMs / wall.mean : 0;
  const mainLoop = mean(samples.map((s) => s.mainLoopUtilization));
  // In-process runners report the main loop itself; only pools have separate worker loops.
  const workersMax = runnerId === 'worker-threads' || runnerId === 'child-process' ? Math.max(...merged.loopUtilization) : undefined;
  // One throughput everywhere: requests / mean wall, consistent with the Time column (principle 12).
  const throughput = throughputFromWalls(requests, wall.samples ?? [wall.mean]);
  const latency = latencyPercentilesMs(merged.latency);
  return {
    state: 'completed',
    runner: runnerId,
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
    cpu: { userMs: userCpuMs, systemMs: totalCpuMs - userCpuMs, coresUsed },
    memory: peakMemory(samples),
    eventLoop: { main: mainLoop, workersMax },
    clientSaturated: saturation({ coresUsed, cores, mainLoop, workersMax }),
    server: { maxInFlight: input.serverStats.maxInFlight, served: input.serverStats.served },
  };
}

/** Peaks over the measured batches: the main process, each worker process, and their sum at its highest. */
export function peakMemory(samples: readonly Sample[]): CompletedResult['memory'] {
  let main = 0;
  let total = 0;
  const workers: number[] = [];
  for (const { memory } of samples) {
    main = Math.max(main, memory.mainPeakRssBytes);
    total = Math.max(total, memory.mainPeakRssBytes + memory.workersPeakRssBytes.reduce((sum, bytes) => sum + bytes, 0));
    for (const [index, bytes] of memory.workersPeakRssBytes.entries()) workers[index] = Math.max(workers[index] ?? 0, bytes);
  }
  return { peakRssBytes: total, mainPeakRssBytes: main, workersPeakRssBytes: workers };
}
