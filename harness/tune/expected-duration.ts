import { keepsOneInFlight, sweepsAgent } from './runner-sweeps.ts';
import type { RunnerId } from '../../runners/types.ts';
import { geometricLevels, poolSizes } from './levels.ts';
import { BISECTIONS } from './level-count.ts';
import type { SweepBounds } from '../../results/tune-types.ts';

/**
 * What a sweep usually measures, for the estimate printed before tune starts (settingsAtMost bounds it): the
 * geometric levels up to a plateau (a knee at 8 to 16 takes six), half the bisections, and at the chosen level
 * the pool sizes or about two Agent settings; open loop about seven rates.
 */
const TYPICAL = { geometric: 6, refinements: BISECTIONS, agentSettings: 2, rates: 7, poolAt: 32 } as const;

/** Batches at the levels past the knee take longer (requests queue): on average a setting's batch takes this much more. */
const PAST_THE_KNEE = 1.5;
/**
 * An adaptive limiter runs up to 4x the recommended limit, so 4x the requests per batch at best at the peak
 * throughput, and a limiter that holds back (vegas at 42% of the peak) takes twice that: on saturating-backend one
 * took 7 to 19 s against about 2 s for a setting of the sweep.
 */
const ADAPTIVE_WEIGHT = 6;
/** Per setting besides its batches: the server's statistics, settling the heap, a fresh limiter. */
const SETTING_OVERHEAD_MS = 150;
/** Starting a pool (threads or processes) for a pool size. */
const POOL_START_MS = 400;
/** An open-loop rate: 1 s of warm-up and 2 s of arrivals. */
const RATE_MS = 3_000;

export interface ExpectedDuration {
  readonly ms: number;
  readonly settings: number;
  /** One batch at the unloaded latency: rounds x latency. */
  readonly batchMs: number;
}

function typicalSettings(runner: RunnerId, bounds: SweepBounds): { settings: number; pools: number } {
  if (keepsOneInFlight(runner)) return { settings: 1, pools: 1 };
  const sweep = Math.min(TYPICAL.geometric, geometricLevels(bounds.maxConcurrency).length) + TYPICAL.refinements;
  const pools = sweepsAgent(runner) ? 1 : poolSizes(bounds.maxPoolSize, TYPICAL.poolAt).length;
  const secondary = sweepsAgent(runner) ? TYPICAL.agentSettings : pools - 1;
  return { settings: sweep + secondary, pools };
}

/** About how long a tune takes at this latency, from the settings a sweep usually measures; an estimate, said so when printed. */
export function expectedDuration(
  runners: readonly RunnerId[],
  bounds: SweepBounds,
  latencyMs: number,
  options: { readonly adaptive: number; readonly openLoop: boolean },
): ExpectedDuration {
  const batchMs = bounds.rounds * latencyMs;
  const settingMs = (bounds.warmupIterations + bounds.iterations) * batchMs * PAST_THE_KNEE + SETTING_OVERHEAD_MS;
  let ms = 0;
  let settings = 0;
  for (const runner of runners) {
    const typical = typicalSettings(runner, bounds);
    const adaptive = keepsOneInFlight(runner) ? 0 : options.adaptive;
    const rates = options.openLoop ? TYPICAL.rates : 0;
    settings += typical.settings + adaptive + rates;
    ms += (typical.settings + ADAPTIVE_WEIGHT * adaptive) * settingMs + typical.pools * POOL_START_MS + rates * RATE_MS;
  }
  return { ms, settings, batchMs };
}
