import { geometricLevels } from '../tune/levels.ts';
import { formatMs, formatRate } from '../../common/format.ts';
import { estimateCapacity, type CapacityEstimate } from './estimate-capacity.ts';
import { estimateRateLimit, type RateLimitEstimate } from './estimate-rate-limit.ts';
import { fitLatency } from './fit-distribution.ts';
import type { LatencyFit } from './fit-types.ts';
import { RequestBudget, sampleLevel, sampleSequential, type LevelSample, type SequentialSample } from './sample-service.ts';
import type { TargetRun } from '../target/types.ts';

const CALIBRATE_LEVELS = geometricLevels(32);

export interface CalibrateOptions {
  readonly target: TargetRun;
  readonly samples: number;
  /** How long each in-flight level runs. */
  readonly levelMs: number;
  /** A level whose p50 exceeds this many times the smallest p50 is well past the knee: the sweep ends there. */
  readonly climbFactor: number;
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
}

export interface Calibration {
  readonly sequential: SequentialSample;
  readonly fit: LatencyFit;
  readonly levels: readonly LevelSample[];
  readonly capacity: CapacityEstimate;
  readonly rateLimit: RateLimitEstimate;
  readonly errorRate: number;
  /** Why the sweep ended before 32 in flight, if it did. */
  readonly sweepEnd: string | undefined;
}

/** Share of 429s from which a level measures the rate limit rather than the capacity (as estimate-rate-limit.ts counts it). */
const RATE_LIMITED_SHARE = 0.01;

function rateLimited(level: LevelSample): boolean {
  return level.rateLimited / Math.max(1, level.requests) >= RATE_LIMITED_SHARE;
}

/** Why the sweep ends after this level, or undefined to go on. */
function sweepStop(level: LevelSample, levels: readonly LevelSample[], climbFactor: number): string | undefined {
  if (level.errors > 0) return `${level.errors} error(s) at ${level.inFlight} in flight`;
  if (rateLimited(level)) return `429s began at ${level.inFlight} in flight`;
  const base = Math.min(...levels.filter((l) => l.p50 > 0).map((l) => l.p50));
  if (base > 0 && level.p50 > climbFactor * base)
    return `p50 ${formatMs(level.p50)} at ${level.inFlight} in flight is over ${climbFactor}x the lowest (${formatMs(base)})`;
  return undefined;
}

/** Samples the service sequentially, then at growing in-flight levels, and fits what the twin needs. */
export async function calibrate(options: CalibrateOptions): Promise<Calibration> {
  const { target, log } = options;
  const budget = new RequestBudget(target.caps?.maxRequests ?? Number.POSITIVE_INFINITY);
  log(`Sampling ${options.samples} sequential requests...`);
  const sequential = await sampleSequential(target, options.samples, budget);
  if (sequential.latenciesMs.length < 2)
    throw new Error(`only ${sequential.latenciesMs.length} of ${sequential.requests} sequential requests succeeded: nothing to fit`);
  const fit = fitLatency(sequential.latenciesMs);
  const levels: LevelSample[] = [];
  let sweepEnd: string | undefined;
  for (const inFlight of CALIBRATE_LEVELS) {
    if (options.signal.aborted || budget.exhausted) {
      sweepEnd = options.signal.aborted ? 'interrupted' : 'the request budget (--max-requests) ran out';
      break;
    }
    const level = await sampleLevel(target, inFlight, options.levelMs, budget);
    levels.push(level);
    log(
      `  ${String(inFlight).padStart(2)} in flight: ${formatRate(level.throughput)} answered, p50 ${formatMs(level.p50)}, mean ${formatMs(level.meanLatencyMs)}, ${level.rateLimited} x 429, ${level.errors} errors (${level.requests.toLocaleString('en-US')} requests)`,
    );
    sweepEnd = sweepStop(level, levels, options.climbFactor);
    if (sweepEnd) break;
  }
  // A level with 429s measures the rate limiter, not the capacity: its throughput is what the limiter let through.
  const measured = levels.filter((level) => level.p50 > 0 && !rateLimited(level));
  const capacity: CapacityEstimate =
    measured.length >= 2
      ? estimateCapacity(measured)
      : { kind: 'not-reached', atLeast: measured[0]?.inFlight ?? 0, baseLatencyMs: fit.meanMs, steps: [] };
  const rateLimit = estimateRateLimit(
    levels.map((level) => ({
      level: level.inFlight,
      requests: level.requests,
      rateLimited: level.rateLimited,
      achievedRate: level.achievedRate,
    })),
  );
  return { sequential, fit, levels, capacity, rateLimit, errorRate: sequential.errors / Math.max(1, sequential.requests), sweepEnd };
}
