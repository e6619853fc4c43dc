import { setTimeout as sleep } from 'node:timers/promises';
import { startMockServerProcess, type MockServerProcess } from '../../mock-server/process.ts';
import type { ResultsJournal } from '../../results/journal.ts';
import type { LevelLayout, ResultsFile, RunnerResult, SegmentLevel } from '../../results/types.ts';
import type { ModelHost } from '../../runners/host/model-host.ts';
import type { PythonInterpreter } from '../../runners/python/interpreter.ts';
import type { BusyRate } from '../../runners/work.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { errorRateFailure } from '../measure/error-rate.ts';
import { hostExhaustionFailure } from '../measure/host-exhaustion.ts';
import { idealCaveats } from '../ideal/caveats.ts';
import { probeHost } from '../ideal/host-probe.ts';
import { probeScenario, type ScenarioIdeal } from '../ideal/scenario-ideal.ts';
import { DEFAULT_LEVEL_TIMEOUT_MS, guardLevel, LevelFault } from './level-guard.ts';
import { limiterLabel } from '../measure/limiter-label.ts';
import { measureOpenLevel } from '../open-loop/measure-open-level.ts';
import { measureLevel } from '../measure/measure-runner.ts';
import { ModelHosts } from './model-hosts.ts';
import { warmUpHost } from './host-warm-up.ts';
import { isLastOfModel, planLevel, sameModel, scenarioLevels, type ScenarioLevel } from './scenario-levels.ts';
import type { Progress } from '../progress.ts';
import { SuiteRecord } from './suite-record.ts';
import { DistressMonitor } from '../target/distress.ts';
import { withoutIdeal } from '../target/for-target.ts';
import { targetStandIn } from '../target/stand-in.ts';
import type { Threshold } from '../thresholds/parse-threshold.ts';
import type { TargetRun } from '../target/types.ts';

export interface SuiteOptions {
  readonly plans: readonly ScenarioPlan[];
  readonly profile: string;
  readonly seed: number | undefined;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** This host's busy rate for `busy` CPU work, measured once per run before any pool starts. */
  readonly busyRate: BusyRate;
  readonly threads: number;
  readonly processes: number;
  /** The user's service instead of the mock server (`--target`). */
  readonly target?: TargetRun | undefined;
  /** results.json, rewritten after every level; none for runs that keep their results in memory. */
  readonly journal?: ResultsJournal | undefined;
  /** A level with no batch finishing for this long is abandoned (default 60 s). */
  readonly levelTimeoutMs?: number | undefined;
  /** The Python interpreter for python-* runners. */
  readonly python?: PythonInterpreter | undefined;
  /** `--threshold`s, checked against every result as it is recorded. */
  readonly thresholds?: readonly Threshold[] | undefined;
  /** `--start-at` (epoch ms): the first level waits for this moment, so every segment of a split run starts at once. */
  readonly startAt?: number | undefined;
}

/**
 * Runs every scenario: one mock-server process per scenario, each runner x level measured in turn, every model in a
 * model host of its own started fresh for the scenario. A level that fails (its server, host, a child or a worker
 * died, or it hung) is recorded as failed, what died is replaced, and the run goes on. Returns what was measured,
 * `complete: false` when stopped early; the journal holds the same after every level.
 */
export async function runSuite(options: SuiteOptions): Promise<ResultsFile> {
  const segment = options.plans[0]?.segment;
  const record = new SuiteRecord(options.profile, options.seed, options.journal, options.target?.record, options.thresholds, {
    segment: segment === undefined ? undefined : { ...segment, ...(options.startAt === undefined ? {} : { startAt: options.startAt }) },
  });
  await options.journal?.write(record.snapshot(false));
  const hosts = new ModelHosts({
    poolSize: (descriptor) => (descriptor.poolSetting === 'processes' ? options.processes : options.threads),
    python: options.python,
  });
  const stopHosts = (): void => void hosts.releaseAll();
  const distress = options.target?.caps === undefined ? undefined : new DistressMonitor(options.target.caps);
  options.signal.addEventListener('abort', stopHosts, { once: true });
  const started = { value: false };
  try {
    for (const [index, plan] of options.plans.entries()) {
      if (options.signal.aborted || distress?.stoppedBy !== undefined) break;
      options.progress.scenario(plan.title, index, options.plans.length);
      record.beginScenario(plan, options, scenarioLevels(plan).length);
      await runScenario(plan, { options, hosts, record, distress, warmed: new WeakSet(), fresh: new Set(), started });
    }
  } finally {
    options.signal.removeEventListener('abort', stopHosts);
    await hosts.releaseAll();
  }
  record.stoppedBy(distress?.stoppedBy);
  return record.snapshot(!options.signal.aborted && distress?.stoppedBy === undefined);
}

interface SuiteContext {
  readonly options: SuiteOptions;
  readonly hosts: ModelHosts;
  /** Hosts driven through their warm-up (harness/bench/host-warm-up.ts). */
  readonly warmed: WeakSet<ModelHost>;
  /** Warmed hosts whose first level has not run yet: it needs no warm-up batches of its own. */
  readonly fresh: Set<ModelHost>;
  /** Whether the run's first level has begun (a --start-at is waited for once). */
  readonly started: { value: boolean };
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
  const levels = scenarioLevels(plan);
  try {
    // A --target has no server model to replay, and every request sent to it counts: no probe.
    const ideal = options.target ? undefined : await probeScenario(plan, first.url, options.busyRate);
    if (ideal) context.record.setHost(ideal.host, idealCaveats(plan.server));
    await prepareHosts(plan, levels, first, context);
    if (options.startAt !== undefined && !context.started.value) await startAtAgreedTime(options.startAt, options);
    context.started.value = true;
    for (const [index, level] of levels.entries()) {
      if (options.signal.aborted || distress?.stoppedBy !== undefined) break;
      const server = await servers.running();
      const measured = await measureOne(level, { plan, server, context, index, total: levels.length, ideal });
      if (isLastOfModel(levels, index)) await context.hosts.release(level.runnerId, { limiter: level.limiter });
      if (!measured) continue;
      const result = plan.segment === undefined ? measured : { ...measured, segmentLevel: segmentLevelOf(level) };
      await context.record.add(options.target ? withoutIdeal(result) : result);
      const stop = distress?.check(result);
      if (stop) options.progress.note(`Stopped: ${stop}`);
    }
    if (ideal && !options.signal.aborted) {
      // The floor again, after the levels: a machine that moved meanwhile shows here.
      const after = await probeHost({ origin: (await servers.running()).url, path: plan.path, client: plan.client, bodyBytes: 0 });
      context.record.setHost({ ...ideal.host, floorAfterMs: after.roundTripFloorMs }, idealCaveats(plan.server));
    }
  } finally {
    await context.hosts.releaseAll();
    await servers.stop();
  }
}

/**
 * Starts the scenario's model hosts together and warms each on its first level, while nothing is measured: a fresh
 * host per scenario and model, warmed the same way whatever ran before it, and the mock server warmed by all of
 * them. A host that fails here is left for its level to start again and report.
 */
async function prepareHosts(
  plan: ScenarioPlan,
  levels: readonly ScenarioLevel[],
  server: MockServerProcess,
  context: SuiteContext,
): Promise<void> {
  const { options, hosts } = context;
  const firsts = levels.filter((level, index) => levels.findIndex((other) => sameModel(other, level)) === index);
  await Promise.all(
    firsts.map(async (first) => {
      // Warmed at its highest level, a host runs its lower ones at their steady pace at once (host-warm-up.ts).
      const level = levels.filter((other) => sameModel(other, first)).reduce((a, b) => (b.concurrency > a.concurrency ? b : a));
      try {
        const model = await hosts.get(level.runnerId, { limiter: level.limiter });
        if (!warmsUp(plan, level, options)) return;
        await warmUpHost(model, planLevel(level, model, plan, server, options), plan, options.signal);
        context.warmed.add(model.host);
        // Its first level is the one it was warmed on when the model has one level: no warm-up batch needed there.
        if (level.concurrency === first.concurrency) context.fresh.add(model.host);
      } catch {
        await hosts.release(level.runnerId, { limiter: level.limiter });
      }
    }),
  );
}

/** Waits for the agreed start, so the segments of a split run begin their first level together (clocks agreeing). */
async function startAtAgreedTime(startAt: number, options: SuiteOptions): Promise<void> {
  const waitMs = startAt - Date.now();
  if (waitMs < -1000) {
    options.progress.note(`--start-at was ${(-waitMs / 1000).toFixed(1)} s ago: starting now`);
    return;
  }
  if (waitMs <= 0) return;
  options.progress.note(`waiting ${(waitMs / 1000).toFixed(1)} s for --start-at ${new Date(startAt).toISOString()}`);
  await sleep(waitMs, undefined, { signal: options.signal }).catch(() => undefined);
}

function segmentLevelOf(level: ScenarioLevel): SegmentLevel {
  return { concurrency: level.concurrency, ...(level.rate === undefined ? {} : { rate: level.rate }) };
}

/**
 * Whether a fresh host is warmed before its first level: not against a --target (every request sent there counts
 * against the user's service), not in open loop (its own warm-up run is the rate's), and not when the user asked
 * for no warm-up at all (`--warmup 0`).
 */
function warmsUp(plan: ScenarioPlan, level: ScenarioLevel, options: SuiteOptions): boolean {
  return options.target === undefined && level.rate === undefined && plan.warmupIterations > 0;
}

interface LevelContext {
  readonly plan: ScenarioPlan;
  readonly server: MockServerProcess;
  readonly context: SuiteContext;
  readonly index: number;
  readonly total: number;
  /** The probed host figures for the exact ideal; absent against a --target (no server model). */
  readonly ideal: ScenarioIdeal | undefined;
}

/**
 * A level that fails is recorded as failed with its cause and its model host is replaced; one stopped by the run's
 * signal is left out.
 */
async function measureOne(level: ScenarioLevel, context: LevelContext): Promise<RunnerResult | undefined> {
  const { plan, server } = context;
  const { options, hosts } = context.context;
  const { runnerId, concurrency, limiter, rate } = level;
  const label = `${runnerId}${limiter === undefined ? '' : `/${limiter}`} at ${concurrency} in flight${rateLabel(rate)}`;
  let spread: LevelLayout | undefined;
  try {
    const model = await hosts.get(runnerId, { limiter });
    // Stopped while its host started: nothing of this level is announced after the stop.
    if (options.signal.aborted) return undefined;
    const layout = model.layout(concurrency);
    spread = { workers: layout.workers, lanes: layout.lanes, inFlight: layout.inFlight };
    options.progress.level(`${limiterLabel(layout.label, runnerId, limiter)}${rateLabel(rate)}`, context.index, context.total);
    const levelPlan = planLevel(level, model, plan, server, options);
    // A host started again after a failure is warmed like the others were.
    if (!context.context.warmed.has(model.host) && warmsUp(plan, level, options)) {
      await warmUpHost(model, levelPlan, plan, options.signal);
      context.context.warmed.add(model.host);
      context.context.fresh.add(model.host);
    }
    // Warmed on this very level just now (its first, with lanes): its own warm-up batch would repeat that.
    const warmed = context.context.fresh.delete(model.host) && limiter === undefined;
    const measureContext = { plan, server, progress: options.progress, signal: options.signal, ideal: context.ideal };
    const watch = { label, server, timeoutMs: options.levelTimeoutMs ?? DEFAULT_LEVEL_TIMEOUT_MS, signal: options.signal };
    const result = await guardLevel(watch, model.host, (watched) =>
      rate === undefined
        ? measureLevel({ model, levelPlan, runBatch: watched.runBatch, warmed }, { ...measureContext, signal: watched.signal })
        : measureOpenLevel({ model, levelPlan, runBatch: watched.runBatch }, rate, { ...measureContext, signal: watched.signal }),
    );
    const refused = hostExhaustionFailure(result, label) ?? errorRateFailure(result, label, plan.maxErrorRate);
    if (refused) options.progress.note(refused.error.message);
    return refused ?? result;
  } catch (error: unknown) {
    if (options.signal.aborted) return undefined;
    const message =
      error instanceof LevelFault ? error.message : `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
    options.progress.note(`${message}; the ${runnerId} host is started afresh`);
    await hosts.release(runnerId, { limiter });
    const code = error instanceof LevelFault ? error.code : 'RUN_FAILED';
    const limiterField = limiter === undefined ? {} : { limiter };
    const offered = rate === undefined ? {} : { offeredRate: rate };
    return {
      state: 'failed',
      runner: runnerId,
      ...limiterField,
      label,
      concurrency,
      ...(spread === undefined ? {} : { layout: spread }),
      ...offered,
      error: { code, message },
    };
  }
}

function rateLabel(rate: number | undefined): string {
  return rate === undefined ? '' : ` @ ${rate}/s`;
}
