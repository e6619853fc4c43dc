import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import { streamOf } from '../common/request-identity.ts';
import { settleHeap } from './heap-settle.ts';
import type { MockServerProcess } from '../mock-server/launcher.ts';
import { workerSetup, type SetupParts, type WorkerSetup } from '../runners/job.ts';
import { answersDependOnIdentity } from '../mock-server/identity-use.ts';
import { resolveServerProfile } from '../mock-server/profile.ts';
import type { LimiterId } from '../runners/limiters/types.ts';
import type { BatchOutcome } from '../runners/outcome.ts';
import type { BatchJob, Runner } from '../runners/types.ts';
import type { ScenarioPlan } from '../scenarios/resolve.ts';
import { exactIdeal } from './ideal/replay-level.ts';
import { unprobedIdeal, type ScenarioIdeal } from './ideal/scenario-ideal.ts';
import { limiterShape } from './limiter-shape.ts';
import { limitsRecord, type BatchLimits } from './limits-record.ts';
import { MemorySampler } from './memory-sampler.ts';
import type { Progress } from './progress.ts';
import type { CompletedResult } from '../results/types.ts';
import { summarise, type Sample } from './summarise.ts';

export interface MeasureContext {
  readonly plan: ScenarioPlan;
  readonly server: MockServerProcess;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** The scenario's probed host figures and server model; without them (tune, self-bench) a zero floor. */
  readonly ideal?: ScenarioIdeal | undefined;
}

/** A level's batch before measureLevel gives it the run's seed and each batch its identity. */
export interface LevelJob {
  readonly setup: SetupParts;
  readonly path: string;
  readonly requests: number;
  readonly concurrency: number;
  /** How the batch limits its requests in flight; absent: lanes (and the result names no limiter). */
  readonly limiter?: LimiterId | undefined;
}

export interface Level {
  readonly runner: Runner;
  readonly startupMs: number;
  readonly job: LevelJob;
}

let nextEpoch = 1;

/** A level's setup as the workers get it: the run's seed, and the identity header only where the server uses it. */
export function levelSetup(parts: SetupParts, plan: ScenarioPlan): WorkerSetup {
  return workerSetup(parts, plan.server.seed, answersDependOnIdentity(resolveServerProfile(plan.server)));
}

/**
 * The level's batches, numbered from 0 (warm-ups first) so every runner and level meets the same sequence of
 * request identities; the seed is the server's, which the run's --seed sets.
 */
export function levelBatches(job: LevelJob, plan: ScenarioPlan): (iteration: number) => BatchJob {
  const setup = levelSetup(job.setup, plan);
  // A new epoch per level: every worker starts a fresh limiter for it and keeps it for the level's batches.
  const limiterEpoch = nextEpoch++;
  const base = {
    path: job.path,
    requests: job.requests,
    concurrency: job.concurrency,
    stream: streamOf(plan.id),
    setup,
    ...(job.limiter === undefined ? {} : { limiter: job.limiter, limiterEpoch }),
  };
  return (iteration) => ({ ...base, iteration });
}

/**
 * Lets tinybench drive warm-up and measured iterations of one runner at one level (the pool is already warm):
 * one iteration is one batch. Only the batch itself is inside the timed window; bookkeeping runs in the hooks.
 */
export async function measureLevel(level: Level, context: MeasureContext): Promise<CompletedResult> {
  const { plan, server, progress } = context;
  const { runner, job } = level;
  const batchAt = levelBatches(job, plan);
  let iteration = 0;
  let batch = batchAt(0);
  const samples: Sample[] = [];
  let cpuBefore = process.cpuUsage();
  let loopBefore = performance.eventLoopUtilization();
  let outcome: BatchOutcome | undefined;
  let measuring = false;
  const memory = new MemorySampler(runner.workerPids());
  let done = 0;
  const limits: BatchLimits[] = [];
  let levelStart: number | undefined;
  let batchStart = 0;
  const shape = limiterShape(runner.layout(job.concurrency).shape, runner.id, job.limiter);

  // tinybench leaves its abort listener on the signal it is given; a per-level signal keeps the run's clean.
  const levelStop = new AbortController();
  const stopLevel = (): void => levelStop.abort();
  context.signal.addEventListener('abort', stopLevel, { once: true });
  if (context.signal.aborted) levelStop.abort();
  const bench = new Bench({
    iterations: plan.iterations,
    time: 0,
    warmup: plan.warmupIterations > 0,
    warmupIterations: plan.warmupIterations,
    warmupTime: 0,
    throws: true,
    retainSamples: true,
    signal: levelStop.signal,
  });
  bench.add(
    shape,
    async () => {
      outcome = await runner.runBatch(batch);
    },
    {
      async beforeAll(mode) {
        measuring = mode === 'run';
        if (measuring) await server.resetStats();
      },
      beforeEach() {
        batch = batchAt(iteration++);
        settleHeap();
        cpuBefore = process.cpuUsage();
        loopBefore = performance.eventLoopUtilization();
        if (measuring) memory.start();
        batchStart = performance.now();
        levelStart ??= batchStart;
      },
      afterEach() {
        const cpu = process.cpuUsage(cpuBefore);
        const loop = performance.eventLoopUtilization(loopBefore).utilization;
        if (!outcome) return;
        if (outcome.limits !== undefined) {
          const offsetMs = batchStart - (levelStart ?? batchStart);
          limits.push({ offsetMs, wallMs: performance.now() - batchStart, limits: outcome.limits, measured: measuring });
        }
        if (measuring) {
          samples.push({
            iteration: batch.iteration,
            outcome,
            mainCpuUs: cpu.user + cpu.system,
            mainCpuUserUs: cpu.user,
            memory: memory.stop(reportedPeaks(outcome, runner.workerPids())),
            mainLoopUtilization: loop,
          });
          done += 1;
          progress.iteration(done, plan.iterations);
        }
        outcome = undefined;
      },
    },
  );
  try {
    await bench.run();
  } finally {
    context.signal.removeEventListener('abort', stopLevel);
  }
  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed') {
    const reason = result?.state === 'errored' ? result.error.message : `tinybench ended in state ${result?.state ?? 'unknown'}`;
    throw new Error(reason);
  }
  const serverStats = await server.stats();
  const layout = runner.layout(job.concurrency);
  const ideal = exactIdeal(
    { ideal: context.ideal ?? unprobedIdeal(plan), requests: job.requests, layout, client: job.setup.client },
    samples.map((sample) => sample.iteration),
  );
  const record = limitsRecord(limits);
  const summary = summarise({
    runnerId: runner.id,
    layout,
    plan,
    startupMs: level.startupMs,
    samples,
    wall: result.latency,
    serverStats,
    ideal,
  });
  if (job.limiter === undefined) return summary;
  return { ...summary, limiter: job.limiter, shape, ...(record === undefined ? {} : { limits: record }) };
}

/** The worker processes' own peak figures, in the order of their pids, for when /proc cannot be read. */
function reportedPeaks(outcome: BatchOutcome, pids: readonly number[]): number[] {
  return pids.map((pid) => Math.max(0, ...outcome.processes.filter((usage) => usage.pid === pid).map((usage) => usage.maxRssBytes)));
}
