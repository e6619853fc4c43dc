import os from 'node:os';
import type { Statistics } from 'tinybench';
import type { ServerStatsSnapshot } from '../../mock-server/stats.ts';
import { mergeMeasured } from './measured-outcome.ts';
import type { RunnerDescriptor } from '../../runners/descriptor.ts';
import type { RunnerLayout } from '../../runners/types.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { efficiency, closedFormBound } from '../ideal/bound.ts';
import type { ExactIdeal } from '../ideal/replay-level.ts';
import type { CompletedResult, ResultWarning } from '../../results/types.ts';
import { resourceSummary, type Sample } from './resource-summary.ts';
import { iterationWarnings, littleWarning } from '../statistics/iteration-warnings.ts';
import { goodputFromCounts } from '../statistics/throughput.ts';
import { requestSummary } from './request-summary.ts';

export type { Sample } from './resource-summary.ts';

export interface SummariseInput {
  readonly descriptor: RunnerDescriptor;
  readonly layout: RunnerLayout;
  readonly plan: ScenarioPlan;
  readonly startupMs: number;
  /** Requests in one batch (a segment's share in a segmented run). */
  readonly requests: number;
  readonly samples: readonly Sample[];
  /** tinybench's statistics of the batch wall time (ms). */
  readonly wall: Pick<Statistics, 'mean' | 'sd' | 'min' | 'max'>;
  readonly serverStats: ServerStatsSnapshot;
  /** The server's own figures during the level, and whether its lateness made part of the tail (server-figures.ts). */
  readonly serverFigures?: { readonly server: CompletedResult['server']; readonly warning: ResultWarning | undefined } | undefined;
  /** The replay of the measured iterations (harness/ideal/replay-level.ts). */
  readonly ideal: ExactIdeal;
  /** The host tree's RSS after start-up and warm-up, before the measured batches. */
  readonly baselineRssBytes: number;
}

/** Turns measured iterations into one results.json entry. Runs after the timed window. */
export function summarise(input: SummariseInput): CompletedResult {
  const { descriptor, layout, plan, samples, wall } = input;
  const requests = input.requests;
  const merged = mergeMeasured(samples.map((sample) => sample.outcome));
  const cores = os.availableParallelism();
  const bound = closedFormBound({
    requests,
    inFlight: layout.inFlight,
    meanLatencyMs: plan.meanLatencyMs,
    cpuWorkMs: plan.cpuWork.kind === 'busy' ? plan.cpuWork.ms : 0,
    cpuParallelism: Math.min(layout.workers, cores),
    serverCapacity: plan.serverBounds.capacity,
    rateLimitPerSecond: plan.serverBounds.rateLimitPerSecond,
  });
  const goodput = goodputFromCounts(
    samples.map((sample) => sample.outcome.ok),
    samples.map((sample) => sample.wallMs),
  );
  const figures = requestSummary(samples, merged, layout, wall.mean);
  // Little's law: a lane holds its slot for the request and its CPU work.
  const timeInSlotMs = figures.latencyMs.mean + figures.latencySplitMs.work;
  const littleInFlight = timeInSlotMs > 0 ? (figures.sendRate.requests * timeInSlotMs) / 1000 : undefined;
  const beaten = input.ideal.wallMs > 0 && wall.mean < input.ideal.wallMs * (1 - IDEAL_TOLERANCE);
  const warnings = [
    ...iterationWarnings(figures.perIteration.wallMs, input.ideal.perIterationMs),
    // What the client should have kept in flight: the limit, or less where a zero-overhead client also drains a tail
    // or waits for its one event loop; never more than the limit.
    littleWarning(
      input.ideal.meanInFlight > 0 ? Math.min(layout.inFlight, input.ideal.meanInFlight) : layout.inFlight,
      littleInFlight,
      layout.inFlight,
    ),
    input.serverFigures?.warning,
  ].filter((warning) => warning !== undefined);
  return {
    state: 'completed',
    runner: descriptor.id,
    label: layout.label,
    concurrency: layout.inFlight,
    requests,
    iterations: samples.length,
    startupMs: input.startupMs,
    wallMs: { mean: wall.mean, stdev: wall.sd, min: wall.min, max: wall.max },
    throughput: {
      mean: goodput.mean,
      stdev: goodput.stdev,
      ...(goodput.ci95 === undefined ? {} : { ci95: goodput.ci95 }),
      best: goodput.best,
    },
    ...figures,
    idealWallMs: input.ideal.wallMs,
    idealLimitedBy: input.ideal.limitedBy,
    boundWallMs: bound.wallMs,
    boundLimitedBy: bound.limitedBy,
    ...(beaten
      ? { idealInvalid: { reason: idealBeaten(wall.mean, input.ideal.wallMs) } }
      : { efficiency: efficiency(input.ideal.wallMs, wall.mean) }),
    overheadMs: wall.mean - input.ideal.wallMs,
    littleThroughput: figures.latencyMs.mean > 0 ? (layout.inFlight / figures.latencyMs.mean) * 1000 : undefined,
    littleInFlight,
    ...resourceSummary(samples, merged, wall.mean, descriptor, input.baselineRssBytes),
    server: input.serverFigures?.server ?? { maxInFlight: input.serverStats.maxInFlight, served: input.serverStats.served },
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/** A measured wall may beat the exact ideal by this much before the ideal is called wrong (timer and probe noise). */
const IDEAL_TOLERANCE = 0.02;

function idealBeaten(wallMs: number, idealMs: number): string {
  const beat = (1 - wallMs / idealMs) * 100;
  return `the batches took ${wallMs.toFixed(1)} ms, ${beat.toFixed(1)}% less than the exact ideal's ${idealMs.toFixed(1)} ms: the replay charges something this run did not pay, so efficiency is not given`;
}
