import { startMockServerProcess, type MockServerProcess } from '../mock-server/launcher.ts';
import type { RunnerId } from '../runners/types.ts';
import type { WorkCalibration } from '../runners/work.ts';
import { levelsFor, ratesFor, requestsAt, type ScenarioPlan } from '../scenarios/resolve.ts';
import { captureEnvironment, toolVersion } from './environment.ts';
import { probeScenario, type ScenarioIdeal } from './ideal/scenario-ideal.ts';
import { measureLevel } from './measure-runner.ts';
import { measureOpenLevel } from './open-loop/measure-open-level.ts';
import type { Progress } from './progress.ts';
import { SCHEMA_VERSION, type ResultsFile, type RunnerResult, type ScenarioResults, type ScenarioVerdict } from '../results/types.ts';
import { RunnerSet } from './runner-set.ts';
import { scenarioVerdict } from './scenario-verdict.ts';
import { DistressMonitor } from './target/distress.ts';
import { targetSetup, withoutIdeal } from './target/for-target.ts';
import { targetStandIn } from './target/stand-in.ts';
import type { TargetRun } from './target/types.ts';

export interface SuiteOptions {
  readonly plans: readonly ScenarioPlan[];
  readonly profile: string;
  readonly seed: number | undefined;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** Host calibration for `busy` CPU work, measured once per run before any pool starts. */
  readonly calibration: WorkCalibration;
  readonly threads: number;
  readonly processes: number;
  /** The user's service instead of the mock server (`--target`). */
  readonly target?: TargetRun | undefined;
}

/**
 * Runs every scenario: one mock-server process per scenario, each runner x level measured in turn, pools
 * started once and reused. Always returns what was measured, with `complete: false` when stopped early.
 */
export async function runSuite(options: SuiteOptions): Promise<ResultsFile> {
  const startedAt = new Date().toISOString();
  const scenarios: ScenarioResults[] = [];
  const runnerSet = new RunnerSet((id) => (id === 'child-process' ? options.processes : options.threads));
  const stopPools = (): void => void runnerSet.stopAll();
  const distress = options.target?.caps === undefined ? undefined : new DistressMonitor(options.target.caps);
  options.signal.addEventListener('abort', stopPools, { once: true });
  try {
    for (const [index, plan] of options.plans.entries()) {
      if (options.signal.aborted || distress?.stoppedBy !== undefined) break;
      options.progress.scenario(plan.title, index, options.plans.length);
      scenarios.push(await runScenario(plan, options, runnerSet, distress));
    }
  } finally {
    options.signal.removeEventListener('abort', stopPools);
    await runnerSet.stopAll();
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'concurrency-bench', version: toolVersion() },
    environment: captureEnvironment(),
    run: {
      profile: options.profile,
      seed: options.seed,
      startedAt,
      finishedAt: new Date().toISOString(),
      complete: !options.signal.aborted && distress?.stoppedBy === undefined,
      ...(options.target === undefined ? {} : { target: { ...options.target.record, stoppedBy: distress?.stoppedBy } }),
    },
    scenarios,
  };
}

async function runScenario(
  plan: ScenarioPlan,
  options: SuiteOptions,
  runnerSet: RunnerSet,
  distress: DistressMonitor | undefined,
): Promise<ScenarioResults> {
  const results: RunnerResult[] = [];
  const server = options.target ? targetStandIn(options.target.origin) : await startMockServerProcess(plan.server);
  let ideal: ScenarioIdeal | undefined;
  try {
    // A --target has no server model to replay, and every request sent to it counts: no probe.
    if (!options.target) ideal = await probeScenario(plan, server.url, options.calibration);
    const levels = plan.runners.flatMap((runnerId) =>
      levelsFor(runnerId, plan).flatMap((concurrency) => ratesFor(plan).map((rate) => ({ runnerId, concurrency, rate }))),
    );
    for (const [index, { runnerId, concurrency, rate }] of levels.entries()) {
      if (options.signal.aborted || distress?.stoppedBy !== undefined) break;
      const context = { plan, server, options, runnerSet, index, total: levels.length, ideal, rate };
      const result = await measureOne(runnerId, concurrency, context);
      if (result) results.push(options.target ? withoutIdeal(result) : result);
      const stop = result && distress?.check(result);
      if (stop) options.progress.note(`Stopped: ${stop}`);
    }
  } finally {
    await server.stop();
  }
  return {
    id: plan.id,
    title: plan.title,
    description: plan.description,
    workload: {
      requests: plan.requests,
      rounds: plan.rounds,
      path: plan.path,
      server: plan.server,
      meanLatencyMs: plan.meanLatencyMs,
      cpuWork: plan.cpuWork,
      iterations: plan.iterations,
      warmupIterations: plan.warmupIterations,
      threads: options.threads,
      processes: options.processes,
      client: plan.client,
      host: { roundTripFloorMs: ideal?.host.roundTripFloorMs ?? 0, bytesPerMs: ideal?.host.bytesPerMs },
    },
    results,
    ...verdictField(results),
  };
}

function verdictField(results: readonly RunnerResult[]): { verdict?: ScenarioVerdict } {
  const verdict = scenarioVerdict(results);
  return verdict === undefined ? {} : { verdict };
}

interface LevelContext {
  readonly plan: ScenarioPlan;
  readonly server: MockServerProcess;
  readonly options: SuiteOptions;
  readonly runnerSet: RunnerSet;
  readonly index: number;
  readonly total: number;
  /** The probed host figures for the exact ideal; absent against a --target (no server model). */
  readonly ideal: ScenarioIdeal | undefined;
  /** The offered rate of an open-loop level; undefined: a closed-loop batch. */
  readonly rate?: number | undefined;
}

/** A runner that fails is reported as failed and the suite goes on; one stopped by the signal is left out. */
async function measureOne(runnerId: RunnerId, concurrency: number, context: LevelContext): Promise<RunnerResult | undefined> {
  const { plan, server, options } = context;
  try {
    const { runner, startupMs } = await context.runnerSet.get(runnerId);
    const rateLabel = context.rate === undefined ? '' : ` @ ${context.rate}/s`;
    options.progress.level(`${runner.layout(concurrency).shape}${rateLabel}`, context.index, context.total);
    const job = {
      setup: {
        origin: server.url,
        client: plan.client,
        work: { cpuWork: plan.cpuWork, calibration: options.calibration },
        ...(options.target ? targetSetup(options.target, runner.layout(concurrency)) : {}),
      },
      path: plan.path,
      requests: requestsAt(plan, runner.layout(concurrency).inFlight),
      concurrency,
    };
    const measureContext = { plan, server, progress: options.progress, signal: options.signal, ideal: context.ideal };
    if (context.rate !== undefined) return await measureOpenLevel({ runner, startupMs, job }, context.rate, measureContext);
    return await measureLevel({ runner, startupMs, job }, measureContext);
  } catch (error: unknown) {
    if (options.signal.aborted) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    const label = `${runnerId} at ${concurrency} in flight${context.rate === undefined ? '' : ` @ ${context.rate}/s`}`;
    options.progress.note(`${label} failed: ${message}`);
    return { state: 'failed', runner: runnerId, shape: label, concurrency, error: { code: 'RUN_FAILED', message } };
  }
}
