import { usesPool } from './runner-sweeps.ts';
import type { MockServerProcess } from '../../mock-server/process.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import type { RequestSpec } from '../../runners/request-spec.ts';
import type { RunnerId } from '../../runners/types.ts';
import type { BusyRate } from '../../runners/work.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { guardLevel } from '../bench/level-guard.ts';
import { measureLevel } from '../measure/measure-runner.ts';
import type { Progress } from '../progress.ts';
import type { CompletedResult } from '../../results/types.ts';
import { requestsFor } from './levels.ts';
import { littleThroughput } from './little.ts';
import type { Setting, SweepBounds, SweepKind, TunePoint } from '../../results/tune-types.ts';
import type { RunnerPools } from './runner-pools.ts';

export interface PointContext {
  readonly plan: ScenarioPlan;
  readonly server: MockServerProcess;
  readonly pools: RunnerPools;
  readonly bounds: SweepBounds;
  readonly busyRate: BusyRate;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** A point with no batch finishing for this long is abandoned. */
  readonly levelTimeoutMs: number;
  /** Method, headers and body of a --target run; absent: the mock server's GET. */
  readonly request?: RequestSpec | undefined;
  /** The unloaded latency Little's law divides by: the scenario's mean, or a --target's probed from the client. */
  readonly latencyMs: number;
}

/** Measures one setting with the bench harness (tinybench, warm pool, one batch per iteration). */
export async function measurePoint(runnerId: RunnerId, setting: Setting, sweep: SweepKind, context: PointContext): Promise<TunePoint> {
  return (await measureSetting(runnerId, setting, sweep, context)).point;
}

/** The same, with a limiter other than lanes, returning the bench result beside the point. */
export async function measureSetting(
  runnerId: RunnerId,
  setting: Setting,
  sweep: SweepKind,
  context: PointContext,
  limiter?: LimiterId,
): Promise<{ readonly point: TunePoint; readonly result: CompletedResult }> {
  const { plan, server, bounds } = context;
  const poolSize = usesPool(runnerId) ? (setting.poolSize ?? bounds.basePoolSize) : undefined;
  const model = await context.pools.get(runnerId, poolSize ?? 1);
  const requests = requestsFor(setting.concurrency, bounds.rounds);
  const pointPlan: ScenarioPlan = { ...plan, requests, iterations: bounds.iterations, warmupIterations: bounds.warmupIterations };
  const client = {
    ...plan.client,
    ...(setting.connections === undefined ? {} : { connections: setting.connections }),
    ...(setting.pipelining === undefined ? {} : { pipelining: setting.pipelining }),
  };
  const levelPlan = {
    setup: {
      origin: server.url,
      client,
      work: { cpuWork: plan.cpuWork, busyRate: context.busyRate },
      ...(context.request === undefined ? {} : { request: context.request }),
    },
    path: plan.path,
    requests,
    concurrency: setting.concurrency,
    ...(limiter === undefined ? {} : { limiter }),
  };
  const watch = {
    label: `${runnerId} at ${setting.concurrency} in flight`,
    server,
    timeoutMs: context.levelTimeoutMs,
    signal: context.signal,
  };
  const result = await guardLevel(watch, model.host, (watched) =>
    measureLevel(
      { model, levelPlan, runBatch: watched.runBatch },
      { plan: pointPlan, server, progress: context.progress, signal: watched.signal },
    ),
  );
  // Stats still cover the measured iterations: the server is reset only before the next level's.
  const stats = await server.stats();
  const layout = model.layout(setting.concurrency);
  const point = toPoint(runnerId, sweep, { ...setting, poolSize: poolSize === undefined ? undefined : layout.workers }, result, {
    latencyMs: context.latencyMs,
    rateLimited: stats.byStatus['429'] ?? 0,
  });
  return { point, result };
}

function toPoint(
  runner: RunnerId,
  sweep: SweepKind,
  setting: Setting,
  result: CompletedResult,
  extra: { readonly latencyMs: number; readonly rateLimited: number },
): TunePoint {
  const attempts = Math.max(1, result.attempts.firstTries);
  return {
    runner,
    sweep,
    ...setting,
    label: result.label,
    requests: result.requests,
    iterations: result.iterations,
    throughput: result.throughput.mean,
    throughputBest: result.throughput.best,
    ...(result.throughput.ci95 === undefined ? {} : { throughputCi95: result.throughput.ci95 }),
    littleThroughput: littleThroughput(setting, extra.latencyMs),
    ...(result.littleInFlight === undefined ? {} : { littleInFlight: result.littleInFlight }),
    latencyMs: { p50: result.latencyMs.p50, p99: result.latencyMs.p99, mean: result.latencyMs.mean },
    errorRate: result.errors.total / attempts,
    retries: result.attempts.retries,
    rateLimited: extra.rateLimited,
    serverQueueMs: result.latencySplitMs.serverQueue,
    serverServeMs: result.latencySplitMs.serverServe,
    clientSaturated: result.clientSaturated,
  };
}
