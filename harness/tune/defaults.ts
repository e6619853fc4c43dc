import os from 'node:os';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { roundsFor } from './levels.ts';
import { defaultSloP99Ms } from '../../results/slo.ts';
import type { SweepBounds, TuneSlo } from '../../results/tune-types.ts';

/** Every default of `npm run tune` in one place; the ones that depend on the scenario are functions of its plan. */
export const TUNE_DEFAULTS = {
  scenario: 'io-bound',
  maxErrorRate: 0.01,
  maxConcurrency: 256,
  iterations: 3,
  warmupIterations: 1,
  /** "Threads 2-3x cores" is advice to test: the pool sweep goes to twice the cores. */
  maxPoolSize: (): number => 2 * os.availableParallelism(),
  basePoolSize: (): number => os.availableParallelism(),
  /** Enough rounds per lane for a batch of about 300 ms at the unloaded latency (the scenario's, or a --target's probed). */
  rounds: (latencyMs: number): number => roundsFor(latencyMs),
} as const;

export interface TuneOverrides {
  readonly sloP99Ms?: number | undefined;
  readonly maxErrorRate?: number | undefined;
  readonly maxConcurrency?: number | undefined;
  readonly maxPoolSize?: number | undefined;
  readonly basePoolSize?: number | undefined;
  readonly rounds?: number | undefined;
  readonly iterations?: number | undefined;
  readonly warmupIterations?: number | undefined;
}

/** Limits and bounds from the flags, the rest from the unloaded latency: the scenario's, or a --target's probed from the client. */
export function resolveTuneSettings(
  plan: ScenarioPlan,
  overrides: TuneOverrides = {},
  latencyMs = plan.meanLatencyMs,
): { slo: TuneSlo; bounds: SweepBounds } {
  return {
    slo: {
      p99Ms: overrides.sloP99Ms ?? defaultSloP99Ms(latencyMs),
      maxErrorRate: overrides.maxErrorRate ?? TUNE_DEFAULTS.maxErrorRate,
    },
    bounds: {
      maxConcurrency: overrides.maxConcurrency ?? TUNE_DEFAULTS.maxConcurrency,
      maxPoolSize: overrides.maxPoolSize ?? TUNE_DEFAULTS.maxPoolSize(),
      basePoolSize: overrides.basePoolSize ?? TUNE_DEFAULTS.basePoolSize(),
      rounds: overrides.rounds ?? TUNE_DEFAULTS.rounds(latencyMs),
      iterations: overrides.iterations ?? TUNE_DEFAULTS.iterations,
      warmupIterations: overrides.warmupIterations ?? TUNE_DEFAULTS.warmupIterations,
    },
  };
}
