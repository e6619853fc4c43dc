import { keepsOneInFlight, usesPool, sweepsAgent } from './runner-sweeps.ts';
import type { RunnerId } from '../../runners/types.ts';
import { concurrencyCurve } from '../../results/tune-curve.ts';
import { BISECTIONS, FILL_LEVELS_MAX, FIT_LEVELS_MAX, secondaryAtMost } from './level-count.ts';
import { geometricLevels, midpoint, poolSizes } from './levels.ts';
import { feasiblePeak } from './settings.ts';
import { NEAR_BEST } from '../../results/level-rules.ts';
import { meetsSlo } from '../../results/slo.ts';
import { measurePoint, type PointContext } from './measure-point.ts';
import { candidates, choose } from './recommend.ts';
import { stopAfter } from './stop-rule.ts';
import type { Setting, SweepEnd, SweepKind, TuneSlo, TunePoint, UslRecord, UslSkip } from '../../results/tune-types.ts';
import { ceilingOf, confirmationLevel, fitRunner, nextFitLevel } from './usl-sweep.ts';

export interface SweepContext extends PointContext {
  readonly slo: TuneSlo;
  /**
   * Called before each point is measured, with the most settings of this runner that may still follow it
   * (this sweep's and the phases after it), so a progress total is never smaller than what gets measured.
   */
  readonly onLevel: (runner: RunnerId, setting: Setting, stillToCome: number) => void;
  /** Settings the phases after the sweep (adaptive limiters, open-loop rates) measure at most. */
  readonly settingsAfter: number;
}

export interface RunnerSweep {
  readonly points: readonly TunePoint[];
  readonly end: SweepEnd;
  /** The USL fit of the concurrency sweep, or why there is none. */
  readonly usl: UslRecord | UslSkip;
}

const MAX_PIPELINING = 128;

/** Measures points in turn until interrupted or a level fails; after that every measure() is a no-op. */
class PointLog {
  readonly points: TunePoint[] = [];
  halted: SweepEnd | undefined;

  constructor(
    readonly runner: RunnerId,
    readonly context: SweepContext,
  ) {}

  /** The highest level measured so far: the choice, and so the pool or Agent sweep, lies at or below it. */
  get highest(): number {
    return Math.max(1, ...this.points.map((point) => point.concurrency));
  }

  /** `stillToCome`: the most settings this sweep may measure after this one. */
  async measure(setting: Setting, sweep: SweepKind, stillToCome: number): Promise<TunePoint | undefined> {
    if (this.halted) return undefined;
    if (this.context.signal.aborted) {
      this.halted = { runner: this.runner, reason: 'interrupted', atConcurrency: setting.concurrency };
      return undefined;
    }
    try {
      this.context.onLevel(this.runner, setting, stillToCome + this.context.settingsAfter);
      const point = await measurePoint(this.runner, setting, sweep, this.context);
      this.points.push(point);
      return point;
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.halted = this.context.signal.aborted
        ? { runner: this.runner, reason: 'interrupted', atConcurrency: setting.concurrency }
        : { runner: this.runner, reason: 'failed', atConcurrency: setting.concurrency, message };
      return undefined;
    }
  }
}

/** Geometric levels 1, 2, 4, ... until the stop rule says the curve has flattened, fallen or broken a limit. */
async function concurrencyPhase(log: PointLog): Promise<SweepEnd> {
  const { runner, context } = log;
  const levels = keepsOneInFlight(runner) ? [1] : geometricLevels(context.bounds.maxConcurrency);
  const after = keepsOneInFlight(runner)
    ? 0
    : 2 * BISECTIONS + FIT_LEVELS_MAX + secondaryAtMost(runner, context.bounds, levels.at(-1) ?? 1);
  const measured: TunePoint[] = [];
  for (const [index, level] of levels.entries()) {
    const point = await log.measure({ concurrency: level }, 'concurrency', levels.length - index - 1 + after);
    if (!point) return log.halted ?? { runner, reason: 'interrupted', atConcurrency: level };
    measured.push(point);
    const reason = stopAfter(measured, context.slo, levels.at(-1) ?? level);
    if (reason) return { runner, reason, atConcurrency: level };
  }
  return { runner, reason: 'max', atConcurrency: levels.at(-1) ?? 1 };
}

interface Current {
  readonly curve: TunePoint[];
  readonly chosen: TunePoint;
  readonly levels: number[];
}

function currentChoice(log: PointLog): Current | undefined {
  const curve = concurrencyCurve(log.points);
  const choice = choose(curve, log.context.slo);
  return choice?.meetsSlo ? { curve, chosen: choice.point, levels: curve.map((point) => point.concurrency) } : undefined;
}

/** The level to measure next on one side of the choice, or undefined when that side needs no refinement. */
type NextLevel = (current: Current, slo: TuneSlo) => number | undefined;

/** Up: only when the next level broke a limit or lost throughput (a plateau above cannot move the choice). */
const towardsTheEdge: NextLevel = (current, slo) => {
  const next = current.curve.find((point) => point.concurrency > current.chosen.concurrency);
  if (!next) return undefined;
  if (meetsSlo(next, slo) && next.throughput >= current.chosen.throughput * NEAR_BEST) return undefined;
  return midpoint(current.chosen.concurrency, next.concurrency);
};

/** Down: can fewer in flight still reach the peak? */
const towardsFewer: NextLevel = (current) => {
  const below = current.levels.filter((level) => level < current.chosen.concurrency).at(-1);
  return below === undefined ? undefined : midpoint(below, current.chosen.concurrency);
};

/**
 * Refines around the knee by bisection: first up towards the level where a limit broke or throughput fell
 * (the peak may lie in between, as with a rate limit), then down towards the largest level that falls short.
 */
async function refinePhase(log: PointLog): Promise<void> {
  for (const [side, nextLevel] of [towardsTheEdge, towardsFewer].entries()) {
    for (let step = 0; step < BISECTIONS; step += 1) {
      const current = currentChoice(log);
      const level = current && nextLevel(current, log.context.slo);
      if (level === undefined || current?.levels.includes(level)) break;
      const refinements = (1 - side) * BISECTIONS + (BISECTIONS - step - 1);
      const after = refinements + FIT_LEVELS_MAX + secondaryAtMost(log.runner, log.context.bounds, log.highest);
      if (!(await log.measure({ concurrency: level }, 'refine', after))) return;
    }
  }
}

/** Levels between 1 and the knee until the USL fit has its six distinct levels (or no gap is left), at most FILL_LEVELS_MAX. */
async function fillPhase(log: PointLog): Promise<void> {
  for (let added = 0; added < FILL_LEVELS_MAX; added += 1) {
    const current = currentChoice(log);
    const level = current && nextFitLevel(log.points, log.context.slo, current.chosen.concurrency);
    if (level === undefined) return;
    const after = FIT_LEVELS_MAX - added - 1 + secondaryAtMost(log.runner, log.context.bounds, log.highest);
    if (!(await log.measure({ concurrency: level }, 'fit', after))) return;
  }
}

/**
 * The fit, and where its kappa says the curve turns down but no level measured past the model's peak fell (the
 * sweep stopped on a plateau near the top), one level where the fitted curve has fallen clearly, then the fit again:
 * a true peak shows the fall there, a capacity limit stays flat.
 */
async function fitPhase(log: PointLog, end: SweepEnd): Promise<UslRecord | UslSkip> {
  const usl = fitRunner(log.runner, log.points, log.context.slo);
  if (end.reason !== 'plateau' && end.reason !== 'falling') return usl;
  const level = confirmationLevel(usl, log.context.bounds.maxConcurrency);
  if (level === undefined) return usl;
  const measured = await log.measure({ concurrency: level }, 'confirm', secondaryAtMost(log.runner, log.context.bounds, log.highest));
  return measured ? fitRunner(log.runner, log.points, log.context.slo) : usl;
}

/** Pool sizes 1, 2, 4, ... at the chosen total in flight; the base pool's point is already measured. */
async function poolPhase(log: PointLog, concurrency: number): Promise<void> {
  const base = Math.min(log.context.bounds.basePoolSize, concurrency);
  const sizes = poolSizes(log.context.bounds.maxPoolSize, concurrency).filter((size) => size !== base);
  for (const [index, poolSize] of sizes.entries()) await log.measure({ concurrency, poolSize }, 'pool', sizes.length - index - 1);
}

/**
 * Halves the Agent's connections at the chosen in flight while throughput holds; at the first count that falls
 * short, tries pipelining enough requests per connection to carry the same in flight.
 */
async function agentPhase(log: PointLog, concurrency: number): Promise<void> {
  for (let connections = Math.floor(concurrency / 2); connections >= 1; connections = Math.floor(connections / 2)) {
    // The halvings below this one, and one pipelining setting.
    const point = await log.measure({ concurrency, connections }, 'agent', Math.floor(Math.log2(connections)) + 1);
    if (!point) return;
    const peak = feasiblePeak(candidates(log.points), log.context.slo)?.throughput ?? 0;
    if (meetsSlo(point, log.context.slo) && point.throughput >= peak * NEAR_BEST) continue;
    const pipelining = Math.min(MAX_PIPELINING, Math.ceil(concurrency / connections));
    await log.measure({ concurrency, connections, pipelining }, 'agent', 0);
    return;
  }
}

/**
 * The whole sweep of one runner: concurrency, refinement near the knee, levels for the USL fit, the fit (whose N*
 * caps the choice where there is a retrograde region), then pool size or Agent settings at the chosen level.
 */
export async function sweepRunner(runner: RunnerId, context: SweepContext): Promise<RunnerSweep> {
  const log = new PointLog(runner, context);
  const end = await concurrencyPhase(log);
  if (!keepsOneInFlight(runner)) {
    await refinePhase(log);
    await fillPhase(log);
  }
  const usl = keepsOneInFlight(runner) ? fitRunner(runner, log.points, context.slo) : await fitPhase(log, end);
  const choice = choose(concurrencyCurve(log.points), context.slo, ceilingOf(usl));
  if (choice?.meetsSlo) {
    if (usesPool(runner)) await poolPhase(log, choice.point.concurrency);
    else if (sweepsAgent(runner)) await agentPhase(log, choice.point.concurrency);
  }
  return { points: log.points, end: log.halted ?? end, usl };
}
