import { startMockServerProcess, type MockServerProcess } from '../mock-server/launcher.ts';
import type { ResultsJournal } from '../results/journal.ts';
import type { ResultsFile, RunnerResult } from '../results/types.ts';
import type { RunnerId } from '../runners/types.ts';
import type { WorkCalibration } from '../runners/work.ts';
import type { LimiterId } from '../runners/limiters/types.ts';
import { levelsFor, limitersFor, ratesFor, requestsAt, type ScenarioPlan } from '../scenarios/resolve.ts';
import { hostLimitFailure } from './host-limits.ts';
import { probeScenario, type ScenarioIdeal } from './ideal/scenario-ideal.ts';
import { DEFAULT_LEVEL_TIMEOUT_MS, guardLevel, LevelFault } from './level-guard.ts';
import { limiterShape } from './limiter-shape.ts';
import { measureOpenLevel } from './open-loop/measure-open-level.ts';
import { measureLevel } from './measure-runner.ts';
import type { Progress } from './progress.ts';
import { RunnerSet } from './runner-set.ts';
import { SuiteRecord } from './suite-record.ts';
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
  /** results.json, rewritten after every level; none for runs that keep their results in memory. */
  readonly journal?: ResultsJournal | undefined;
  /** A level with no batch finishing for this long is abandoned (default 60 s). */
  readonly levelTimeoutMs?: number | undefined;
}

/**
 * Runs every scenario: one mock-server process per scenario, each runner x level measured in turn, pools
 * started once and reused. A level that fails (its server, a child or a worker died, or it hung) is recorded
 * as failed, what died is replaced, and the run goes on. Returns what was measured, `complete: false` when
 * stopped early; the journal holds the same after every level.
 */
export async function runSuite(options: SuiteOptions): Promise<ResultsFile> {
  const record = new SuiteRecord(options.profile, options.seed, options.journal, options.target?.record);
  await options.journal?.write(record.snapshot(false));
  const runnerSet = new RunnerSet((id) => (id === 'child-process' ? options.processes : options.threads));
  const stopPools = (): void => void runnerSet.stopAll();
  const distress = options.target?.caps === undefined ? undefined : new DistressMonitor(options.target.caps);
  options.signal.addEventListener('abort', stopPools, { once: true });
  try {
    for (const [index, plan] of options.plans.entries()) {
      if (options.signal.aborted || distress?.stoppedBy !== undefined) break;
      options.progress.scenario(plan.title, index, options.plans.length);
      record.beginScenario(plan, options);
      await runScenario(plan, { options, runnerSet, record, distress });
    }
  } finally {
    options.signal.removeEventListener('abort', stopPools);
    await runnerSet.stopAll();
  }
  record.stoppedBy(distress?.stoppedBy);
  return record.snapshot(!options.signal.aborted && distress?.stoppedBy === undefined);
}

interface SuiteContext {
  readonly options: SuiteOptions;
  readonly runnerSet: RunnerSet;
  readonly record: SuiteRecord;
  readonly distress: DistressMonitor | undefined;
}

/** The scenario's mock server, started again whenever it has died. */
class ServerKeeper {
  constructor(
    private readonly plan: ScenarioPlan,
    private readonly progress: Progress,
    private current: MockServerProcess,
  ) {}

  async running(): Promise<MockServerProcess> {
    const died = this.current.exitReason();
    if (died) {
      this.progress.note(`mock server ${died}: starting it again`);
      this.current = await startMockServerProcess(this.plan.server);
    }
    return this.current;
  }

  stop(): Promise<void> {
    return this.current.stop();
  }
}

async function runScenario(plan: ScenarioPlan, context: SuiteContext): Promise<void> {
  const { options, distress } = context;
  const first = options.target ? targetStandIn(options.target.origin) : await startMockServerProcess(plan.server);
  const servers = new ServerKeeper(plan, options.progress, first);
  try {
    // A --target has no server model to replay, and every request sent to it counts: no probe.
    const ideal = options.target ? undefined : await probeScenario(plan, first.url, options.calibration);
    if (ideal) context.record.setHost(ideal.host);
    const levels = plan.runners.flatMap((runnerId) =>
      limitersFor(runnerId, plan).flatMap((limiter) =>
        levelsFor(runnerId, plan).flatMap((concurrency) => ratesFor(plan).map((rate) => ({ runnerId, limiter, concurrency, rate }))),
      ),
    );
    for (const [index, { runnerId, limiter, concurrency, rate }] of levels.entries()) {
      if (options.signal.aborted || distress?.stoppedBy !== undefined) break;
      const server = await servers.running();
      const level = { plan, server, context, index, total: levels.length, ideal, limiter, rate };
      const result = await measureOne(runnerId, concurrency, level);
      if (!result) continue;
      await context.record.add(options.target ? withoutIdeal(result) : result);
      const stop = distress?.check(result);
      if (stop) options.progress.note(`Stopped: ${stop}`);
    }
  } finally {
    await servers.stop();
  }
}

interface LevelContext {
  readonly plan: ScenarioPlan;
  readonly server: MockServerProcess;
  readonly context: SuiteContext;
  readonly index: number;
  readonly total: number;
  /** The probed host figures for the exact ideal; absent against a --target (no server model). */
  readonly ideal: ScenarioIdeal | undefined;
  /** The level's limiter; undefined: lanes. */
  readonly limiter?: LimiterId | undefined;
  /** The offered rate of an open-loop level; undefined: a closed-loop batch. */
  readonly rate?: number | undefined;
}

/**
 * A level that fails is recorded as failed with its cause and its runner's pool is replaced; one stopped by
 * the run's signal is left out.
 */
async function measureOne(runnerId: RunnerId, concurrency: number, level: LevelContext): Promise<RunnerResult | undefined> {
  const { plan, server } = level;
  const { options, runnerSet } = level.context;
  const label = `${runnerId}${level.limiter === undefined ? '' : `/${level.limiter}`} at ${concurrency} in flight${rateLabel(level.rate)}`;
  try {
    const { runner, startupMs } = await runnerSet.get(runnerId);
    const layout = runner.layout(concurrency);
    options.progress.level(`${limiterShape(layout.shape, runnerId, level.limiter)}${rateLabel(level.rate)}`, level.index, level.total);
    const job = {
      setup: {
        origin: server.url,
        client: plan.client,
        work: { cpuWork: plan.cpuWork, calibration: options.calibration },
        ...(options.target ? targetSetup(options.target, layout) : {}),
      },
      path: plan.path,
      requests: requestsAt(plan, layout.inFlight),
      concurrency,
      ...(level.limiter === undefined ? {} : { limiter: level.limiter }),
    };
    const measureContext = { plan, server, progress: options.progress, signal: options.signal, ideal: level.ideal };
    const watch = { label, server, timeoutMs: options.levelTimeoutMs ?? DEFAULT_LEVEL_TIMEOUT_MS, signal: options.signal };
    const result = await guardLevel(watch, runner, (watched) =>
      level.rate === undefined
        ? measureLevel({ runner: watched.runner, startupMs, job }, { ...measureContext, signal: watched.signal })
        : measureOpenLevel({ runner: watched.runner, startupMs, job }, level.rate, { ...measureContext, signal: watched.signal }),
    );
    const limited = hostLimitFailure(result, label);
    if (limited) options.progress.note(limited.error.message);
    return limited ?? result;
  } catch (error: unknown) {
    if (options.signal.aborted) return undefined;
    const message =
      error instanceof LevelFault ? error.message : `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
    options.progress.note(`${message}; the ${runnerId} pool is started afresh`);
    await runnerSet.discard(runnerId);
    const code = error instanceof LevelFault ? error.code : 'RUN_FAILED';
    const limiter = level.limiter === undefined ? {} : { limiter: level.limiter };
    return { state: 'failed', runner: runnerId, ...limiter, shape: label, concurrency, error: { code, message } };
  }
}

function rateLabel(rate: number | undefined): string {
  return rate === undefined ? '' : ` @ ${rate}/s`;
}
