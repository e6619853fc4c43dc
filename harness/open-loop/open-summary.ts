import jStat from 'jstat';
import { latencyPercentilesMs } from '../../common/histogram.ts';
import type { ServerStatsSnapshot } from '../../mock-server/stats.ts';
import { achievedRate, type OpenLoopSettings } from '../../runners/open-loop/settings.ts';
import type { RunnerDescriptor } from '../../runners/descriptor.ts';
import { mergeMeasured } from '../measure/measured-outcome.ts';
import type { RunnerLayout } from '../../runners/types.ts';
import type { CompletedResult, ResultWarning } from '../../results/types.ts';
import { resourceSummary, type Sample } from '../measure/resource-summary.ts';
import { throughputFromRates } from '../statistics/throughput.ts';
import { requestSummary } from '../measure/request-summary.ts';
import type { TuneSlo } from '../../results/tune-types.ts';
import { sustains } from './sustained.ts';

/** One measured open-loop run of the level's duration. */
export interface OpenSample extends Sample {
  /** From the epoch to the last answer (and its work). */
  readonly wallMs: number;
}

export interface OpenSummaryInput {
  readonly descriptor: RunnerDescriptor;
  readonly layout: RunnerLayout;
  readonly settings: OpenLoopSettings;
  readonly rate: number;
  readonly startupMs: number;
  readonly samples: readonly OpenSample[];
  readonly serverStats: ServerStatsSnapshot;
  readonly serverFigures?: { readonly server: CompletedResult['server']; readonly warning: ResultWarning | undefined } | undefined;
  readonly baselineRssBytes?: number | undefined;
  /** The p99 and error rate a sustained rate stays within. */
  readonly slo: TuneSlo;
}

/**
 * An open-loop level as one results.json entry. Throughput is the achieved rate (per run, then their harmonic mean,
 * as closed loop's requests / mean wall). There is no exact ideal for open loop: the ideal is the offered rate with
 * latency from the intended start equal to the service time, which `arrival` and `serviceLatencyMs` show directly,
 * so the ideal and efficiency fields are left out.
 */
export function summariseOpenLevel(input: OpenSummaryInput): CompletedResult {
  const { samples, layout, descriptor, rate } = input;
  if (samples.length === 0) throw new RangeError('Expected at least one open-loop run, got none');
  const merged = mergeMeasured(samples.map((sample) => sample.outcome));
  const counts = merged.open?.counts ?? { sent: 0, dropped: 0, expired: 0, late: 0, queueHighWater: 0, lastSentOffsetMs: 0 };
  const achievedPerRun = samples.map((sample) => {
    const run = sample.outcome.open?.counts;
    return run === undefined ? 0 : achievedRate(run.sent, run.lastSentOffsetMs, rate);
  });
  // Goodput per run: the achieved rate times the share of what was sent that was answered.
  const goodputPerRun = samples.map((sample, index) => {
    const answered = sample.outcome.requests > 0 ? sample.outcome.ok / sample.outcome.requests : 0;
    return (achievedPerRun[index] ?? 0) * answered;
  });
  const positive = (values: readonly number[]): number[] => values.map((value) => Math.max(value, Number.MIN_VALUE));
  const achieved = throughputFromRates(positive(achievedPerRun));
  const throughput = throughputFromRates(positive(goodputPerRun));
  const walls = samples.map((sample) => sample.wallMs);
  const wallMean = jStat.mean(walls);
  const iterations = samples.length;
  const offered = Math.max(1, Math.round((counts.sent + counts.dropped + counts.expired) / iterations));
  const figures = requestSummary(samples, merged, layout, wallMean);
  return {
    state: 'completed',
    runner: descriptor.id,
    label: `${layout.label} @ ${rate}/s`,
    concurrency: layout.inFlight,
    requests: offered,
    iterations,
    startupMs: input.startupMs,
    wallMs: { mean: wallMean, stdev: walls.length < 2 ? 0 : jStat.stdev(walls, true), min: Math.min(...walls), max: Math.max(...walls) },
    throughput: {
      mean: throughput.mean,
      stdev: throughput.stdev,
      ...(throughput.ci95 === undefined ? {} : { ci95: throughput.ci95 }),
      best: throughput.best,
    },
    ...figures,
    ...resourceSummary(samples, merged, wallMean, descriptor, input.baselineRssBytes),
    server: input.serverFigures?.server ?? { maxInFlight: input.serverStats.maxInFlight, served: input.serverStats.served },
    ...(input.serverFigures?.warning === undefined ? {} : { warnings: [input.serverFigures.warning] }),
    arrival: {
      offeredRate: rate,
      achievedRate: achieved.mean,
      kind: input.settings.arrivals,
      durationMs: input.settings.durationMs,
      sent: counts.sent,
      dropped: counts.dropped,
      expired: counts.expired,
      late: counts.late,
      queueHighWater: counts.queueHighWater,
      ...(input.settings.maxQueue === undefined ? {} : { maxQueue: input.settings.maxQueue }),
      sloP99Ms: input.slo.p99Ms,
      sustained: sustains(
        { offeredRate: rate, achievedRate: achieved.mean, p99Ms: figures.latencyMs.p99, errorRate: figures.errorRate },
        input.slo,
      ),
    },
    serviceLatencyMs: latencyPercentilesMs(merged.open?.service ?? merged.latency),
  };
}
