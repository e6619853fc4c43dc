import { keepsOneInFlight, usesPool } from './runner-sweeps.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import { ADAPTIVE_LIMITER_IDS, type AdaptiveLimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import type { BusyRate } from '../../runners/work.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { captureEnvironment, toolVersion } from '../environment.ts';
import type { Progress } from '../progress.ts';
import { DEFAULT_LEVEL_TIMEOUT_MS } from '../bench/level-guard.ts';
import { adaptivePhase } from './adaptive-phase.ts';
import { targetStandIn } from '../target/stand-in.ts';
import type { TargetRun } from '../target/types.ts';
import { describeSetting } from '../../results/describe-setting.ts';
import { runnerFacts } from '../../results/runner-facts.ts';
import { RATE_POINTS_MAX } from './sweep-rate.ts';
import { recommend } from './recommendation.ts';
import { RunnerPools } from './runner-pools.ts';
import { sweepRunner } from './sweep-runner.ts';
import { sweepRate } from './sweep-rate.ts';
import {
  TUNE_SCHEMA_VERSION,
  type AdaptiveOutcome,
  type LatencyProbe,
  type Recommendation,
  type Setting,
  type SweepBounds,
  type SweepEnd,
  type TuneFile,
  type RatePoint,
  type SustainableRate,
  type TuneSlo,
  type TunePoint,
  type UslRecord,
  type UslSkip,
} from '../../results/tune-types.ts';
import { isUslRecord } from './usl-sweep.ts';

export interface TuneOptions {
  readonly plan: ScenarioPlan;
  readonly runners: readonly RunnerId[];
  readonly slo: TuneSlo;
  readonly bounds: SweepBounds;
  readonly seed: number | undefined;
  readonly busyRate: BusyRate;
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
  /** The --target's latency timed from the client before the sweep: Little's law divides by it. */
  readonly probe?: LatencyProbe | undefined;
}

/** The latency without queueing that batches, the SLO and Little's law start from: the probe's, else the scenario's. */
export function unloadedLatencyMs(plan: Pick<ScenarioPlan, 'meanLatencyMs'>, probe: LatencyProbe | undefined): number {
  return probe?.medianMs ?? plan.meanLatencyMs;
}

/**
 * Sweeps every runner against one mock-server process, each runner's pools started on first use and stopped
 * after its sweep. Always returns what was measured, with `complete: false` when stopped early.
 */
export async function runTune(options: TuneOptions): Promise<TuneFile> {
  const startedAt = new Date().toISOString();
  const { plan, slo, bounds } = options;
  const points: TunePoint[] = [];
  const sweeps: SweepEnd[] = [];
  const recommendations: Recommendation[] = [];
  const adaptive: AdaptiveOutcome[] = [];
  const usl: UslRecord[] = [];
  const uslSkipped: UslSkip[] = [];
  const limiters = options.limiters ?? ADAPTIVE_LIMITER_IDS;
  const latencyMs = unloadedLatencyMs(plan, options.probe);
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
      // Each setting's number and the most that may still follow it: a total that is never smaller than the count.
      let measured = 0;
      const announce = (label: string, stillToCome: number): void => {
        options.progress.level(label, measured, measured + 1 + stillToCome);
        measured += 1;
      };
      const onLevel = (id: RunnerId, setting: Setting, stillToCome: number): void => {
        const poolSize = usesPool(id) ? Math.min(setting.poolSize ?? bounds.basePoolSize, setting.concurrency) : undefined;
        announce(`${id}: ${describeSetting(runnerFacts(id), { ...setting, poolSize })}`, stillToCome);
      };
      const rates = options.openLoop ? RATE_POINTS_MAX : 0;
      try {
        // What every measured point of this runner shares: the sweep's, the adaptive limiters' and the rate sweep's.
        const context = {
          plan,
          server,
          pools,
          bounds,
          busyRate: options.busyRate,
          progress: options.progress,
          signal: options.signal,
          levelTimeoutMs: options.levelTimeoutMs ?? DEFAULT_LEVEL_TIMEOUT_MS,
          latencyMs,
          ...(target ? { request: target.request } : {}),
        };
        const adaptiveCount = keepsOneInFlight(runner) ? 0 : limiters.length;
        const sweep = await sweepRunner(runner, { ...context, slo, onLevel, settingsAfter: adaptiveCount + rates });
        points.push(...sweep.points);
        sweeps.push(sweep.end);
        if (isUslRecord(sweep.usl)) usl.push(sweep.usl);
        else uslSkipped.push(sweep.usl);
        if (sweep.end.reason === 'failed')
          options.progress.note(`${runner} failed at ${sweep.end.atConcurrency} in flight: ${sweep.end.message ?? ''}`);
        const recommendation = recommend(runner, sweep.points, sweep.end, slo, latencyMs, sweep.usl, target !== undefined);
        if (recommendation) recommendations.push(recommendation);
        if (recommendation && sweep.end.reason !== 'failed') {
          const adaptiveContext = { ...context, onLevel: announce, settingsAfter: rates };
          adaptive.push(...(await adaptivePhase(runner, recommendation, limiters, adaptiveContext)));
          if (options.openLoop && !options.signal.aborted) {
            const onRate = (rate: number, stillToCome: number): void =>
              announce(`${runner}: ${recommendation.concurrency} in flight @ ${rate}/s (open loop)`, stillToCome);
            // The closed-loop throughput at the limit bounds what an open loop can sustain there: start at half of it.
            const rate = await sweepRate(runner, recommendation.concurrency, recommendation.throughput / 2, { ...context, slo, onRate });
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
    runners: options.runners.map(runnerFacts),
    run: { seed: options.seed, startedAt, finishedAt: new Date().toISOString(), complete: !options.signal.aborted },
    scenario: {
      id: plan.id,
      title: plan.title,
      description: plan.description,
      meanLatencyMs: plan.meanLatencyMs,
      server: plan.server,
      client: plan.client,
    },
    slo,
    bounds,
    recommendations,
    sweeps,
    points,
    adaptive,
    ...(options.openLoop ? { sustainable, ratePoints } : {}),
    ...(target ? { target: target.record } : {}),
    ...(options.probe ? { probe: options.probe } : {}),
    usl,
    uslSkipped,
  };
}
