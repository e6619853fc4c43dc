import { usesPool } from './runner-sweeps.ts';
import { sustains } from '../open-loop/sustained.ts';
import type { RunnerId } from '../../runners/types.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import type { CompletedResult } from '../../results/types.ts';
import { guardLevel } from '../bench/level-guard.ts';
import { measureOpenLevel } from '../open-loop/measure-open-level.ts';
import type { PointContext } from './measure-point.ts';
import type { RatePoint, SustainableRate, TuneSlo } from '../../results/tune-types.ts';

/** Seconds of arrivals per rate tried (after a 1 s warm-up at the same rate). */
const RATE_POINT_DURATION_MS = 2000;
/** Geometric steps (x2) at most, up or down from the start, then bisection steps at most. */
const GEOMETRIC_STEPS = 6;
const BISECTION_STEPS = 3;
/** Rates tried at most, for a progress total. */
export const RATE_POINTS_MAX = GEOMETRIC_STEPS + BISECTION_STEPS;
/** Bisection stops once the bracket is this narrow (hi / lo). */
const BRACKET = 1.1;
/**
 * The highest offered rate a runner sustains at one limit (open loop): geometric rates from `startRate` (doubling
 * while sustained, halving while not) to bracket the knee, then bisection (at the geometric midpoint) inside the
 * bracket. The answer is the highest rate measured that sustained; 0 when none did.
 */
export async function sweepRate(
  runnerId: RunnerId,
  limit: number,
  startRate: number,
  context: PointContext & { readonly slo: TuneSlo; readonly onRate?: (rate: number, stillToCome: number) => void },
): Promise<{ readonly points: RatePoint[]; readonly sustainable: SustainableRate }> {
  const points: RatePoint[] = [];
  const measure = async (rate: number): Promise<RatePoint> => {
    context.onRate?.(rate, RATE_POINTS_MAX - points.length - 1);
    const point = toRatePoint(runnerId, limit, await measureRate(runnerId, limit, rate, context), context.slo);
    points.push(point);
    return point;
  };
  let lo: RatePoint | undefined;
  let hi: RatePoint | undefined;
  let rate = Math.max(1, Math.round(startRate));
  for (let step = 0; step < GEOMETRIC_STEPS && !context.signal.aborted; step += 1) {
    const point = await measure(rate);
    if (point.sustainable) lo = point;
    else hi = point;
    if (lo && hi) break;
    rate = point.sustainable ? rate * 2 : Math.max(1, Math.round(rate / 2));
    if (!point.sustainable && rate === 1 && point.offeredRate === 1) break;
  }
  for (let step = 0; step < BISECTION_STEPS && lo && hi && hi.offeredRate / lo.offeredRate > BRACKET; step += 1) {
    if (context.signal.aborted) break;
    const mid = Math.round(Math.sqrt(lo.offeredRate * hi.offeredRate));
    if (mid <= lo.offeredRate || mid >= hi.offeredRate) break;
    const point = await measure(mid);
    if (point.sustainable) lo = point;
    else hi = point;
  }
  return { points, sustainable: { runner: runnerId, limit, rate: lo?.offeredRate ?? 0, p99Ms: lo?.p99Ms ?? points[0]?.p99Ms ?? 0 } };
}

async function measureRate(runnerId: RunnerId, limit: number, rate: number, context: PointContext): Promise<CompletedResult> {
  const { plan, server, bounds } = context;
  const poolSize = usesPool(runnerId) ? bounds.basePoolSize : 1;
  const model = await context.pools.get(runnerId, poolSize);
  const openPlan: ScenarioPlan = {
    ...plan,
    iterations: 1,
    warmupIterations: 1,
    openLoop: { rates: [rate], durationMs: RATE_POINT_DURATION_MS, arrivals: 'constant' },
  };
  // The user's request against a --target, and the same guard (level timeout, a dead server) as a closed-loop point.
  const levelPlan = {
    setup: {
      origin: server.url,
      client: plan.client,
      work: { cpuWork: plan.cpuWork, busyRate: context.busyRate },
      ...(context.request === undefined ? {} : { request: context.request }),
    },
    path: plan.path,
    requests: 1,
    concurrency: limit,
  };
  const watch = { label: `${runnerId} at ${rate}/s`, server, timeoutMs: context.levelTimeoutMs, signal: context.signal };
  return guardLevel(watch, model.host, (watched) =>
    measureOpenLevel({ model, levelPlan, runBatch: watched.runBatch }, rate, {
      plan: openPlan,
      server,
      progress: context.progress,
      signal: watched.signal,
    }),
  );
}

function toRatePoint(runner: RunnerId, limit: number, result: CompletedResult, slo: TuneSlo): RatePoint {
  const offeredRate = result.arrival?.offeredRate ?? 0;
  const measured = {
    runner,
    limit,
    label: result.label,
    offeredRate,
    achievedRate: result.arrival?.achievedRate ?? 0,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    serviceP99Ms: result.serviceLatencyMs?.p99 ?? result.latencyMs.p99,
    errorRate: result.errors.total / Math.max(1, result.attempts.firstTries),
    dropped: (result.arrival?.dropped ?? 0) + (result.arrival?.expired ?? 0),
  };
  return { ...measured, sweep: 'rate', sustainable: sustains(measured, slo) };
}
