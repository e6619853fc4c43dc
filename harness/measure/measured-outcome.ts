import { createLatencyHistogram, recordLatencyMs, type LatencyHistogram } from '../../common/histogram.ts';
import type { OpenLoopCounts } from '../../runners/open-loop/scheduler.ts';
import { mergeOutcomes, type BatchOutcome } from '../../runners/outcome.ts';

/**
 * A batch's outcome as the orchestrator keeps it: the host's raw latencies turned into HDR histograms, which merge
 * exactly across batches, workers and machines.
 */
export interface MeasuredOutcome extends Omit<BatchOutcome, 'latenciesUs' | 'open'> {
  readonly latency: LatencyHistogram;
  readonly open?: { readonly service: LatencyHistogram; readonly counts: OpenLoopCounts } | undefined;
}

function histogramOf(latenciesUs: Uint32Array): LatencyHistogram {
  const histogram = createLatencyHistogram();
  for (const us of latenciesUs) recordLatencyMs(histogram, us / 1000);
  return histogram;
}

export function measuredOutcome(outcome: BatchOutcome): MeasuredOutcome {
  const { latenciesUs, open, ...counts } = outcome;
  return {
    ...counts,
    latency: histogramOf(latenciesUs),
    ...(open === undefined ? {} : { open: { service: histogramOf(open.serviceUs), counts: open.counts } }),
  };
}

/** Several batches as one: counts added as mergeOutcomes adds them, histograms added exactly. */
export function mergeMeasured(parts: readonly MeasuredOutcome[]): MeasuredOutcome {
  const none = new Uint32Array(0);
  const {
    latenciesUs: _none,
    open,
    ...counts
  } = mergeOutcomes(
    parts.map((part) => ({
      ...part,
      latenciesUs: none,
      open: part.open === undefined ? undefined : { serviceUs: none, counts: part.open.counts },
    })),
  );
  const latency = createLatencyHistogram();
  for (const part of parts) latency.add(part.latency);
  if (open === undefined) return { ...counts, latency };
  const service = createLatencyHistogram();
  for (const part of parts) if (part.open !== undefined) service.add(part.open.service);
  return { ...counts, latency, open: { service, counts: open.counts } };
}
