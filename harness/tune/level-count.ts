import { keepsOneInFlight, usesPool, sweepsAgent } from './runner-sweeps.ts';
import type { RunnerId } from '../../runners/types.ts';
import { geometricLevels, poolSizes } from './levels.ts';
import { RATE_POINTS_MAX } from './sweep-rate.ts';
import type { SweepBounds } from '../../results/tune-types.ts';

/** Bisection steps on each side of the choice: a factor-of-two gap between levels shrinks to an eighth. */
export const BISECTIONS = 3;

/** Levels added below the knee at most, so the USL fit has its six distinct levels where the sweep measured fewer. */
export const FILL_LEVELS_MAX = 3;

/**
 * Levels the fit adds at most: the ones below the knee, and one past the model's peak where the fitted curve has
 * fallen clearly, to see whether the measurements fall too.
 */
export const FIT_LEVELS_MAX = FILL_LEVELS_MAX + 1;

/** Settings the pool sweep (worker-threads, child-process) or Agent sweep (promise-concurrent) measures at most at one level. */
export function secondaryAtMost(runner: RunnerId, bounds: SweepBounds, concurrency: number): number {
  if (usesPool(runner)) return poolSizes(bounds.maxPoolSize, concurrency).length;
  // Connections halved from concurrency / 2 down to 1, then one pipelining setting.
  if (sweepsAgent(runner)) return concurrency >= 2 ? Math.floor(Math.log2(concurrency)) + 1 : 0;
  return 0;
}

/**
 * Settings one runner's tune measures at most: the geometric levels, both bisections, the levels added for the fit,
 * the pool or Agent sweep, each adaptive limiter and the open-loop rates. A progress total from this never reads "13/12".
 */
export function settingsAtMost(runner: RunnerId, bounds: SweepBounds, adaptive: number, openLoop: boolean): number {
  const rates = openLoop ? RATE_POINTS_MAX : 0;
  if (keepsOneInFlight(runner)) return 1 + rates;
  const sweep = geometricLevels(bounds.maxConcurrency).length + 2 * BISECTIONS + FIT_LEVELS_MAX;
  return sweep + secondaryAtMost(runner, bounds, bounds.maxConcurrency) + adaptive + rates;
}
