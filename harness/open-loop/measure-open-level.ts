import { performance } from 'node:perf_hooks';
import { streamOf } from '../../common/request-identity.ts';
import { settleHeap } from '../heap-settle.ts';
import { arrivalOffsetsMs } from '../../runners/open-loop/arrivals.ts';
import { realClock } from '../../runners/open-loop/scheduler.ts';
import { OPEN_LOOP_GRACE_MS, OPEN_LOOP_LEAD_MS, OPEN_LOOP_WARMUP_MS, type OpenLoopSettings } from '../../runners/open-loop/settings.ts';
import type { OpenLoopSpec } from '../../runners/open-loop/spec.ts';
import type { BatchOutcome } from '../../runners/outcome.ts';
import type { BatchJob } from '../../runners/types.ts';
import type { CompletedResult } from '../../results/types.ts';
import { levelSetup, type Level, type MeasureContext } from '../measure-runner.ts';
import { MemorySampler } from '../memory-sampler.ts';
import { summariseOpenLevel, type OpenSample } from './open-summary.ts';

/**
 * One open-loop level: warm-up (one run of OPEN_LOOP_WARMUP_MS at the same rate, when the plan warms up at all), then
 * `plan.iterations` runs of the duration. Each run's epoch lies OPEN_LOOP_LEAD_MS in the future when the runner gets
 * it, so every worker thread or process has built its plan before the first intended start.
 */
export async function measureOpenLevel(level: Level, rate: number, context: MeasureContext): Promise<CompletedResult> {
  const { plan, server, progress } = context;
  const settings = plan.openLoop;
  if (settings === undefined) throw new Error('measureOpenLevel needs a plan with openLoop settings');
  const { runner, job } = level;
  const setup = levelSetup(job.setup, plan);
  const stream = streamOf(plan.id);
  const memory = new MemorySampler(runner.workerPids());
  let iteration = 0;
  const runOnce = async (durationMs: number): Promise<{ outcome: BatchOutcome; epochMs: number; wallMs: number }> => {
    settleHeap();
    const spec = openSpec(settings, rate, durationMs, plan.server.seed, realClock.now() + OPEN_LOOP_LEAD_MS);
    const batch: BatchJob = {
      path: job.path,
      requests: arrivalOffsetsMs(spec.arrivals, rate, durationMs, spec.seed).length,
      concurrency: job.concurrency,
      stream,
      iteration: iteration++,
      setup,
      openLoop: spec,
    };
    const outcome = await runner.runBatch(batch);
    return { outcome, epochMs: spec.epochMs, wallMs: realClock.now() - spec.epochMs };
  };
  if (plan.warmupIterations > 0) await runOnce(Math.min(OPEN_LOOP_WARMUP_MS, settings.durationMs));
  await server.resetStats();
  const samples: OpenSample[] = [];
  for (let measured = 0; measured < plan.iterations; measured += 1) {
    if (context.signal.aborted) throw new Error('interrupted');
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    memory.start();
    const { outcome, wallMs } = await runOnce(settings.durationMs);
    const cpu = process.cpuUsage(cpuBefore);
    samples.push({
      iteration: iteration - 1,
      outcome,
      wallMs,
      mainCpuUs: cpu.user + cpu.system,
      mainCpuUserUs: cpu.user,
      memory: memory.stop(),
      mainLoopUtilization: performance.eventLoopUtilization(loopBefore).utilization,
    });
    progress.iteration(measured + 1, plan.iterations);
  }
  const serverStats = await server.stats();
  return summariseOpenLevel({
    runnerId: runner.id,
    layout: runner.layout(job.concurrency),
    settings,
    rate,
    startupMs: level.startupMs,
    samples,
    serverStats,
  });
}

function openSpec(settings: OpenLoopSettings, rate: number, durationMs: number, seed: number, epochMs: number): OpenLoopSpec {
  return {
    arrivals: settings.arrivals,
    ratePerSecond: rate,
    durationMs,
    seed,
    epochMs,
    stopAfterMs: durationMs + OPEN_LOOP_GRACE_MS,
    ...(settings.maxQueue === undefined ? {} : { maxQueue: settings.maxQueue }),
    worker: 0,
    workers: 1,
  };
}
