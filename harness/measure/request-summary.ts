import { encodeHistogram, latencyPercentilesMs } from '../../common/histogram.ts';
import type { CompletedResult } from '../../results/types.ts';
import type { TimeSplit } from '../../runners/outcome.ts';
import type { RunnerLayout } from '../../runners/types.ts';
import type { MeasuredOutcome } from './measured-outcome.ts';
import type { Sample } from './resource-summary.ts';

export type RequestSummary = Pick<
  CompletedResult,
  | 'layout'
  | 'sendRate'
  | 'errorRate'
  | 'latencyMs'
  | 'perIteration'
  | 'histograms'
  | 'errors'
  | 'attempts'
  | 'latencySplitMs'
  | 'statusCounts'
  | 'bytesPerBatch'
>;

function perRequest(split: TimeSplit, requests: number): CompletedResult['latencySplitMs'] {
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

/**
 * What the requests of a level did, for closed and open loop alike: how the level was spread, requests and tries
 * per second beside the goodput, the errors and their rate, the latency percentiles and their encoded histograms, and
 * each iteration's wall and counts (what exact merges and paired comparisons need).
 */
export function requestSummary(
  samples: readonly Sample[],
  merged: MeasuredOutcome,
  layout: RunnerLayout,
  meanWallMs: number,
): RequestSummary {
  const iterations = Math.max(1, samples.length);
  const errorsTotal = Object.values(merged.errorsByKind).reduce((sum, count) => sum + (count ?? 0), 0);
  const perSecond = (count: number): number => (meanWallMs > 0 ? (count / iterations / meanWallMs) * 1000 : 0);
  return {
    layout: { workers: layout.workers, lanes: layout.lanes, inFlight: layout.inFlight },
    sendRate: { requests: perSecond(merged.requests), attempts: perSecond(merged.requests + merged.retries) },
    errorRate: merged.requests > 0 ? errorsTotal / merged.requests : 0,
    latencyMs: latencyPercentilesMs(merged.latency),
    perIteration: {
      wallMs: samples.map((sample) => sample.wallMs),
      ok: samples.map((sample) => sample.outcome.ok),
      requests: samples.map((sample) => sample.outcome.requests),
    },
    histograms: {
      latency: encodeHistogram(merged.latency),
      ...(merged.open === undefined ? {} : { service: encodeHistogram(merged.open.service) }),
    },
    errors: { total: errorsTotal, byKind: merged.errorsByKind },
    attempts: { firstTries: merged.requests, retries: merged.retries },
    latencySplitMs: perRequest(merged.split, merged.requests),
    statusCounts: merged.statusCounts,
    bytesPerBatch: merged.bytes / iterations,
  };
}
