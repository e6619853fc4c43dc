import { startMockServerProcess } from '../../mock-server/launcher.ts';
import { ADAPTIVE_LIMITER_IDS, type AdaptiveLimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import type { WorkCalibration } from '../../runners/work.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { captureEnvironment, toolVersion } from '../environment.ts';
import type { Progress } from '../progress.ts';
import { DEFAULT_LEVEL_TIMEOUT_MS } from '../level-guard.ts';
import { adaptivePhase } from './adaptive-phase.ts';
import { targetStandIn } from '../target/stand-in.ts';
import type { TargetRun } from '../target/types.ts';
import { describeSetting } from './describe.ts';
import { usesPool } from './measure-point.ts';
import { recommend } from './recommendation.ts';
import { RunnerPools } from './runner-pools.ts';
import { sweepRunner } from './sweep-runner.ts';
import { sweepRate } from './sweep-rate.ts';
import {
  TUNE_SCHEMA_VERSION,
  type AdaptiveOutcome,
  type Recommendation,
  type Setting,
  type SweepBounds,
  type SweepEnd,
  type TuneFile,
  type RatePoint,
  type SustainableRate,
  type TuneLimits,
  type TunePoint,
} from './types.ts';

export interface TuneOptions {
  readonly plan: ScenarioPlan;
  readonly runners: readonly RunnerId[];
  readonly limits: TuneLimits;
  readonly bounds: SweepBounds;
  readonly seed: number | undefined;
  readonly calibration: WorkCalibration;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** A point with no batch finishing for this long is abandoned (default 60 s). */
  readonly levelTimeoutMs?: number | undefined;
  /** Adaptive limiters measured beside each runner's static recommendation (`--limiter`); default all four. */
  readonly limiters?: readonly AdaptiveLimiterId[] | undefined;
  /** Also find each runner's highest sustainable open-loop rate at its recommended limit (`--open-loop`). */
  readonly openLoop?: boolean | undefined;
  /** The user's loopback service instead of the mock server (`--target`); tune refuses remote targets. */
  readonly target?: TargetRun | undefined;
}

/**
 * Sweeps every runner against one mock-server process, each runner's pools started on first use and stopped
 * after its sweep. Always returns what was measured, with `complete: false` when stopped early.
 */
export async function runTune(options: TuneOptions): Promise<TuneFile> {
  const startedAt = new Date().toISOString();
  const { plan, limits, bounds } = options;
  const points: TunePoint[] = [];
  const sweeps: SweepEnd[] = [];
  const recommendations: Recommendation[] = [];
  const adaptive: AdaptiveOutcome[] = [];
  const chosenCount = (options.limiters ?? ADAPTIVE_LIMITER_IDS).length;
  const sustainable: SustainableRate[] = [];
  const ratePoints: RatePoint[] = [];
  const target = options.target;
  let server = target ? targetStandIn(target.origin) : await startMockServerProcess(plan.server);
  try {
    for (const [index, runner] of options.runners.entries()) {
      if (options.signal.aborted) break;
      const died = server.exitReason();
      if (died) {
        options.progress.note(`mock server ${died}: starting it again`);
        server = await startMockServerProcess(plan.server);
      }
      options.progress.scenario(runner, index, options.runners.length);
      const pools = new RunnerPools();
      // Stopping the pools ends a batch in flight, so a stop request does not wait for the level to finish.
      const stopPools = (): void => void pools.stopAll();
      options.signal.addEventListener('abort', stopPools, { once: true });
      let levels = 0;
      const onLevel = (id: RunnerId, setting: Setting): void => {
        const poolSize = usesPool(id) ? Math.min(setting.poolSize ?? bounds.basePoolSize, setting.concurrency) : undefined;
        options.progress.level(
          `${id}: ${describeSetting(id, { ...setting, poolSize })}`,
          levels,
          estimateLevels(id, bounds, chosenCount, options.openLoop),
        );
        levels += 1;
      };
      try {
        // What every measured point of this runner shares: the sweep's, the adaptive limiters' and the rate sweep's.
        const context = {
          plan,
          server,
          pools,
          bounds,
          calibration: options.calibration,
          progress: options.progress,
          signal: options.signal,
          levelTimeoutMs: options.levelTimeoutMs ?? DEFAULT_LEVEL_TIMEOUT_MS,
          ...(target ? { request: target.request } : {}),
        };
        const sweep = await sweepRunner(runner, { ...context, limits, onLevel });
        points.push(...sweep.points);
        sweeps.push(sweep.end);
        if (sweep.end.reason === 'failed')
          options.progress.note(`${runner} failed at ${sweep.end.atConcurrency} in flight: ${sweep.end.message ?? ''}`);
        const recommendation = recommend(runner, sweep.points, sweep.end, limits, plan.meanLatencyMs);
        if (recommendation) recommendations.push(recommendation);
        if (recommendation && sweep.end.reason !== 'failed') {
          const onAdaptive = (label: string): void => {
            options.progress.level(label, levels, estimateLevels(runner, bounds, chosenCount, options.openLoop));
            levels += 1;
          };
          const chosen = options.limiters ?? ADAPTIVE_LIMITER_IDS;
          adaptive.push(...(await adaptivePhase(runner, recommendation, chosen, { ...context, onLevel: onAdaptive })));
          if (options.openLoop && !options.signal.aborted) {
            const onRate = (rate: number): void => {
              options.progress.level(
                `${runner}: ${recommendation.concurrency} in flight @ ${rate}/s (open loop)`,
                levels,
                estimateLevels(runner, bounds, chosenCount, true),
              );
              levels += 1;
            };
            // The closed-loop throughput at the limit bounds what an open loop can sustain there: start at half of it.
            const rate = await sweepRate(runner, recommendation.concurrency, recommendation.throughput / 2, { ...context, limits, onRate });
            sustainable.push(rate.sustainable);
            ratePoints.push(...rate.points);
          }
        }
      } finally {
        options.signal.removeEventListener('abort', stopPools);
        await pools.stopAll();
      }
    }
  } finally {
    await server.stop();
  }
  return {
    schemaVersion: TUNE_SCHEMA_VERSION,
    kind: 'tune',
    tool: { name: 'concurrency-bench', version: toolVersion() },
    environment: captureEnvironment(),
    run: { seed: options.seed, startedAt, finishedAt: new Date().toISOString(), complete: !options.signal.aborted },
    scenario: {
      id: plan.id,
      title: plan.title,
      description: plan.description,
      meanLatencyMs: plan.meanLatencyMs,
      server: plan.server,
      client: plan.client,
    },
    limits,
    bounds,
    recommendations,
    sweeps,
    points,
    adaptive,
    ...(options.openLoop ? { sustainable, ratePoints } : {}),
    ...(target ? { target: target.record } : {}),
  };
}

/** Levels a runner's sweep measures at most, for a progress total: geometric levels, two refinements, the pool or Agent sweep. */
export function estimateLevels(
  runner: RunnerId,
  bounds: SweepBounds,
  adaptive: number = ADAPTIVE_LIMITER_IDS.length,
  openLoop = false,
): number {
  // The open-loop rate sweep: about three doublings and three bisections.
  const rates = openLoop ? 6 : 0;
  if (runner === 'sequential') return 1 + rates;
  const geometric = Math.ceil(Math.log2(bounds.maxConcurrency)) + 1;
  const secondary = usesPool(runner) ? Math.ceil(Math.log2(bounds.maxPoolSize)) : 3;
  return geometric + 2 + secondary + adaptive + rates;
}
