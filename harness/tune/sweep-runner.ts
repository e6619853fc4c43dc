import type { RunnerId } from '../../runners/types.ts';
import { concurrencyCurve } from './explain.ts';
import { geometricLevels, midpoint, poolSizes } from './levels.ts';
import { feasiblePeak, meetsLimits, PEAK_SHARE } from './limits.ts';
import { measurePoint, usesPool, type PointContext } from './measure-point.ts';
import { choose } from './recommend.ts';
import { stopAfter } from './stop-rule.ts';
import type { Setting, SweepEnd, SweepKind, TuneLimits, TunePoint } from './types.ts';

export interface SweepContext extends PointContext {
  readonly limits: TuneLimits;
  /** Called before each point is measured, with a label for progress. */
  readonly onLevel: (runner: RunnerId, setting: Setting) => void;
}

export interface RunnerSweep {
  readonly points: readonly TunePoint[];
  readonly end: SweepEnd;
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

  async measure(setting: Setting, sweep: SweepKind): Promise<TunePoint | undefined> {
    if (this.halted) return undefined;
    if (this.context.signal.aborted) {
      this.halted = { runner: this.runner, reason: 'interrupted', atConcurrency: setting.concurrency };
      return undefined;
    }
    try {
      this.context.onLevel(this.runner, setting);
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
  const levels = runner === 'sequential' ? [1] : geometricLevels(context.bounds.maxConcurrency);
  const measured: TunePoint[] = [];
  for (const level of levels) {
    const point = await log.measure({ concurrency: level }, 'concurrency');
    if (!point) return log.halted ?? { runner, reason: 'interrupted', atConcurrency: level };
    measured.push(point);
    const reason = stopAfter(measured, context.limits, levels.at(-1) ?? level);
    if (reason) return { runner, reason, atConcurrency: level };
  }
  return { runner, reason: 'max', atConcurrency: levels.at(-1) ?? 1 };
}

/** Bisection steps on each side of the choice: a factor-of-two gap between levels shrinks to an eighth. */
const BISECTIONS = 3;

interface Current {
  readonly curve: TunePoint[];
  readonly chosen: TunePoint;
  readonly levels: number[];
}

function currentChoice(log: PointLog): Current | undefined {
  const curve = concurrencyCurve(log.points);
  const choice = choose(curve, log.context.limits);
  return choice?.meetsLimits ? { curve, chosen: choice.point, levels: curve.map((point) => point.concurrency) } : undefined;
}

/** The level to measure next on one side of the choice, or undefined when that side needs no refinement. */
type NextLevel = (current: Current, limits: TuneLimits) => number | undefined;

/** Up: only when the next level broke a limit or lost throughput (a plateau above cannot move the choice). */
const towardsTheEdge: NextLevel = (current, limits) => {
  const next = current.curve.find((point) => point.concurrency > current.chosen.concurrency);
  if (!next) return undefined;
  if (meetsLimits(next, limits) && next.throughput >= current.chosen.throughput * PEAK_SHARE) return undefined;
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
  for (const nextLevel of [towardsTheEdge, towardsFewer]) {
    for (let step = 0; step < BISECTIONS; step += 1) {
      const current = currentChoice(log);
      const level = current && nextLevel(current, log.context.limits);
      if (level === undefined || current?.levels.includes(level)) break;
      if (!(await log.measure({ concurrency: level }, 'refine'))) return;
    }
  }
}

/** Pool sizes 1, 2, 4, ... at the chosen total in flight; the base pool's point is already measured. */
async function poolPhase(log: PointLog, concurrency: number): Promise<void> {
  const base = Math.min(log.context.bounds.basePoolSize, concurrency);
  for (const poolSize of poolSizes(log.context.bounds.maxPoolSize, concurrency)) {
    if (poolSize !== base) await log.measure({ concurrency, poolSize }, 'pool');
  }
}

/**
 * Halves the Agent's connections at the chosen in flight while throughput holds; at the first count that falls
 * short, tries pipelining enough requests per connection to carry the same in flight.
 */
async function agentPhase(log: PointLog, concurrency: number): Promise<void> {
  for (let connections = Math.floor(concurrency / 2); connections >= 1; connections = Math.floor(connections / 2)) {
    const point = await log.measure({ concurrency, connections }, 'agent');
    if (!point) return;
    const peak = feasiblePeak(log.points, log.context.limits)?.throughput ?? 0;
    if (meetsLimits(point, log.context.limits) && point.throughput >= peak * PEAK_SHARE) continue;
    const pipelining = Math.min(MAX_PIPELINING, Math.ceil(concurrency / connections));
    await log.measure({ concurrency, connections, pipelining }, 'agent');
    return;
  }
}

/** The whole sweep of one runner: concurrency, refinement near the knee, then pool size or Agent settings there. */
export async function sweepRunner(runner: RunnerId, context: SweepContext): Promise<RunnerSweep> {
  const log = new PointLog(runner, context);
  const end = await concurrencyPhase(log);
  if (runner !== 'sequential') await refinePhase(log);
  const choice = choose(concurrencyCurve(log.points), context.limits);
  if (choice?.meetsLimits) {
    if (usesPool(runner)) await poolPhase(log, choice.point.concurrency);
    else if (runner === 'promise-concurrent') await agentPhase(log, choice.point.concurrency);
  }
  return { points: log.points, end: log.halted ?? end };
}
