import { streamOf } from '../../common/request-identity.ts';
import { arrivalOffsetsMs } from '../../runners/open-loop/arrivals.ts';
import { realClock } from '../../runners/open-loop/scheduler.ts';
import { OPEN_LOOP_GRACE_MS, OPEN_LOOP_LEAD_MS, OPEN_LOOP_WARMUP_MS, type OpenLoopSettings } from '../../runners/open-loop/settings.ts';
import type { OpenLoopSpec } from '../../runners/open-loop/spec.ts';
import type { Segment } from '../../runners/segment.ts';
import type { HostedBatch } from '../../runners/host/model-host.ts';
import type { Batch } from '../../runners/types.ts';
import type { CompletedResult } from '../../results/types.ts';
import { levelSetup, type Level, type MeasureContext } from '../measure/measure-runner.ts';
import { BatchResources } from '../measure/batch-resources.ts';
import { ServerWatch } from '../measure/server-figures.ts';
import { summariseOpenLevel, type OpenSample } from './open-summary.ts';
import { defaultSloP99Ms } from '../../results/slo.ts';

/**
 * One open-loop level: warm-up (one run of OPEN_LOOP_WARMUP_MS at the same rate, when the plan warms up at all), then
 * `plan.iterations` runs of the duration. Each run's epoch lies OPEN_LOOP_LEAD_MS in the future when the runner gets
 * it, so every worker thread or process has built its plan before the first intended start.
 */
export async function measureOpenLevel(level: Level, rate: number, context: MeasureContext): Promise<CompletedResult> {
  const { plan, server, progress } = context;
  const settings = plan.openLoop;
  if (settings === undefined) throw new Error('measureOpenLevel needs a plan with openLoop settings');
  const { model, levelPlan } = level;
  const setup = levelSetup(levelPlan.setup, plan);
  const stream = streamOf(plan.id);
  const resources = new BatchResources(model.host);
  let iteration = 0;
  const runOnce = async (durationMs: number): Promise<{ hosted: HostedBatch; wallMs: number }> => {
    const spec = openSpec(settings, rate, durationMs, plan.server.seed, realClock.now() + OPEN_LOOP_LEAD_MS, plan.segment);
    const batch: Batch = {
      path: levelPlan.path,
      requests: arrivalOffsetsMs(spec.arrivals, rate, durationMs, spec.seed).length,
      concurrency: levelPlan.concurrency,
      stream,
      iteration: iteration++,
      setup,
      openLoop: spec,
    };
    const hosted = await level.runBatch(batch);
    // The run's wall counts from its epoch, which every worker shares; a host that sends no end time is timed here.
    return { hosted, wallMs: (hosted.endedAtMs ?? realClock.now()) - spec.epochMs };
  };
  if (plan.warmupIterations > 0) await runOnce(Math.min(OPEN_LOOP_WARMUP_MS, settings.durationMs));
  await server.resetStats();
  const serverWatch = new ServerWatch(server);
  serverWatch.start();
  const samples: OpenSample[] = [];
  for (let measured = 0; measured < plan.iterations; measured += 1) {
    if (context.signal.aborted) throw new Error('interrupted');
    resources.start(true);
    const { hosted, wallMs } = await runOnce(settings.durationMs);
    samples.push({ ...resources.stop(hosted, iteration - 1), wallMs });
    progress.iteration(measured + 1, plan.iterations);
  }
  const serverStats = await server.stats();
  const serverFigures = serverWatch.finish(serverStats, plan.meanLatencyMs);
  return summariseOpenLevel({
    descriptor: model.descriptor,
    layout: model.layout(levelPlan.concurrency),
    settings,
    // A segment is offered every N-th arrival: its own rate is the level's over N.
    rate: plan.segment === undefined ? rate : rate / plan.segment.count,
    startupMs: model.host.startupMs,
    slo: { p99Ms: defaultSloP99Ms(plan.meanLatencyMs), maxErrorRate: plan.maxErrorRate },
    samples,
    serverStats,
    serverFigures,
  });
}

/** The level's arrivals at `rate`; a segment takes every N-th of them, so segments interleave rather than fire together. */
function openSpec(
  settings: OpenLoopSettings,
  rate: number,
  durationMs: number,
  seed: number,
  epochMs: number,
  segment: Segment | undefined,
): OpenLoopSpec {
  return {
    arrivals: settings.arrivals,
    ratePerSecond: rate,
    durationMs,
    seed,
    epochMs,
    stopAfterMs: durationMs + OPEN_LOOP_GRACE_MS,
    ...(settings.maxQueue === undefined ? {} : { maxQueue: settings.maxQueue }),
    worker: segment === undefined ? 0 : segment.index - 1,
    workers: segment === undefined ? 1 : segment.count,
  };
}
