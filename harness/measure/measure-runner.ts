import { Bench } from 'tinybench';
import { streamOf } from '../../common/request-identity.ts';
import type { MockServerProcess } from '../../mock-server/process.ts';
import { batchSetup, type BatchSetupParts, type BatchSetup } from '../../runners/batch-spec.ts';
import { answersDependOnIdentity } from '../../mock-server/identity-use.ts';
import { resolveServerProfile } from '../../mock-server/profile.ts';
import type { HostedBatch } from '../../runners/host/model-host.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import type { Segment } from '../../runners/segment.ts';
import type { Batch } from '../../runners/types.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { exactIdeal } from '../ideal/replay-level.ts';
import { unprobedIdeal, type ScenarioIdeal } from '../ideal/scenario-ideal.ts';
import { limiterLabel } from './limiter-label.ts';
import { levelLimitTrace, type BatchTrace } from './limit-trace.ts';
import type { HostedModel } from '../bench/model-hosts.ts';
import { BatchResources } from './batch-resources.ts';
import { ServerWatch } from './server-figures.ts';
import type { Progress } from '../progress.ts';
import type { CompletedResult } from '../../results/types.ts';
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
export interface LevelPlan {
  readonly setup: BatchSetupParts;
  readonly path: string;
  readonly requests: number;
  readonly concurrency: number;
  /** How the batch limits its requests in flight; absent: lanes (and the result names no limiter). */
  readonly limiter?: LimiterId | undefined;
  /** In a segmented run: which share of the whole level's identities `requests` are. */
  readonly segment?: Segment | undefined;
}

export interface Level {
  readonly model: HostedModel;
  readonly levelPlan: LevelPlan;
  /** Sends one batch to the model's host (the level guard's watched path). */
  readonly runBatch: (batch: Batch) => Promise<HostedBatch>;
  /**
   * The host was just warmed on this very level (its first, with lanes): its connections are open and its code hot, so
   * the level's own warm-up batches are skipped. The measured batches keep their identities all the same.
   */
  readonly warmed?: boolean | undefined;
}

let nextLimiterLevel = 1;

/** A level's setup as the workers get it: the run's seed, and the identity header only where the server uses it. */
export function levelSetup(parts: BatchSetupParts, plan: ScenarioPlan): BatchSetup {
  return batchSetup(parts, plan.server.seed, plan.alwaysIdentify === true || answersDependOnIdentity(resolveServerProfile(plan.server)));
}

/**
 * The level's batches, numbered from 0 (warm-ups first) so every runner and level meets the same sequence of
 * request identities; the seed is the server's, which the run's --seed sets.
 */
export function levelBatches(levelPlan: LevelPlan, plan: ScenarioPlan, stream = streamOf(plan.id)): (iteration: number) => Batch {
  const setup = levelSetup(levelPlan.setup, plan);
  // A new limiter level per level: every worker starts a fresh limiter for it and keeps it for the level's batches.
  const limiterLevel = nextLimiterLevel++;
  const base = {
    path: levelPlan.path,
    requests: levelPlan.requests,
    concurrency: levelPlan.concurrency,
    stream,
    setup,
    ...(levelPlan.limiter === undefined ? {} : { limiter: levelPlan.limiter, limiterLevel }),
    ...(levelPlan.segment === undefined ? {} : { segment: levelPlan.segment }),
  };
  return (iteration) => ({ ...base, iteration });
}

/**
 * Lets tinybench drive warm-up and measured iterations of one model at one level: one iteration is one batch, run
 * by the model's host, and its duration is the wall the host measured around the batch alone. The orchestrator
 * keeps the bookkeeping (memory from /proc, progress, statistics) in its own process, between batches.
 */
export async function measureLevel(level: Level, context: MeasureContext): Promise<CompletedResult> {
  const { plan, server, progress } = context;
  const { model, levelPlan } = level;
  const batchAt = levelBatches(levelPlan, plan);
  const layout = model.layout(levelPlan.concurrency);
  const label = limiterLabel(layout.label, model.descriptor.id, levelPlan.limiter);
  const resources = new BatchResources(model.host);
  const serverWatch = new ServerWatch(server);
  const warmups = level.warmed === true ? 0 : plan.warmupIterations;
  // Measured batches are numbered after every warm-up the plan has, whether or not they ran: the same identities always.
  let iteration = plan.warmupIterations - warmups;
  let batch = batchAt(iteration);
  const samples: Sample[] = [];
  let hosted: HostedBatch | undefined;
  let measuring = false;
  let baselineRssBytes = 0;
  let done = 0;
  const traces: BatchTrace[] = [];
  let levelWallMs = 0;

  // tinybench leaves its abort listener on the signal it is given; a per-level signal keeps the run's clean.
  const levelStop = new AbortController();
  const stopLevel = (): void => levelStop.abort();
  context.signal.addEventListener('abort', stopLevel, { once: true });
  if (context.signal.aborted) levelStop.abort();
  const bench = new Bench({
    iterations: plan.iterations,
    time: 0,
    warmup: warmups > 0,
    warmupIterations: warmups,
    warmupTime: 0,
    throws: true,
    retainSamples: true,
    signal: levelStop.signal,
  });
  bench.add(
    label,
    async () => {
      hosted = await level.runBatch(batch);
      return { overriddenDuration: hosted.wallMs };
    },
    {
      async beforeAll(mode) {
        measuring = mode === 'run';
        if (!measuring) return;
        await server.resetStats();
        baselineRssBytes = resources.currentRssBytes();
        serverWatch.start();
      },
      beforeEach() {
        batch = batchAt(iteration++);
        resources.start(measuring);
      },
      afterEach() {
        const measured = hosted;
        hosted = undefined;
        if (!measured) return;
        const sample = resources.stop(measured, batch.iteration);
        if (measured.outcome.limitTrace !== undefined) {
          traces.push({ offsetMs: levelWallMs, wallMs: measured.wallMs, trace: measured.outcome.limitTrace, measured: measuring });
        }
        levelWallMs += measured.wallMs;
        if (!measuring) return;
        samples.push(sample);
        done += 1;
        progress.iteration(done, plan.iterations);
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
  const serverFigures = serverWatch.finish(serverStats, plan.meanLatencyMs);
  const ideal = exactIdeal(
    { ideal: context.ideal ?? unprobedIdeal(plan), requests: levelPlan.requests, layout, client: levelPlan.setup.client },
    samples.map((sample) => sample.iteration),
  );
  const record = levelLimitTrace(traces);
  const summary = summarise({
    descriptor: model.descriptor,
    layout,
    plan,
    startupMs: model.host.startupMs,
    requests: levelPlan.requests,
    samples,
    wall: result.latency,
    serverStats,
    serverFigures,
    ideal,
    baselineRssBytes,
  });
  if (levelPlan.limiter === undefined) return summary;
  return { ...summary, limiter: levelPlan.limiter, label, ...(record === undefined ? {} : { limitTrace: record }) };
}
