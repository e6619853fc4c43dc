import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parseCommand } from './parse-command.ts';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../common/project-root.ts';
import { loadScenario } from '../../scenarios/load-file.ts';
import { defaultScenarioIds } from '../../scenarios/registry.ts';
import { resolveScenario, type RunSettings, type ScenarioPlan } from '../../scenarios/resolve.ts';
import type { ProfileName } from '../../scenarios/schema.ts';
import { parseOrThrow } from '../../common/validation.ts';
import { UsageError } from '../../common/usage-error.ts';
import { checkRequestBudget, targetPlan, targetScenario } from '../../harness/target/target-plan.ts';
import type { TargetRun } from '../../harness/target/types.ts';
import type { Threshold } from '../../harness/thresholds/parse-threshold.ts';
import { BENCH_FLAGS } from './bench-flags.ts';
import { addFlags, flagNames, flagShape, readFlags } from './flag-table.ts';
import { addOpenLoopOptions, openLoopFromFlags, withOpenLoop } from './open-loop-flags.ts';
import { checkSegmentedPlans, parseSegment, parseStartAt } from './segment-flags.ts';
import { runnableSet } from './runner-availability.ts';
import type { PythonInterpreter } from '../../runners/python/interpreter.ts';
import { addTargetOptions, addThresholdOption, targetFromFlags, thresholdsFromFlags } from './target-flags.ts';

export interface BenchOptions {
  readonly mode: 'run' | 'list';
  readonly plans: readonly ScenarioPlan[];
  readonly profile: ProfileName;
  readonly seed: number | undefined;
  readonly outDir: string;
  readonly latestDir: string;
  readonly threads: number;
  readonly processes: number;
  /** `--target`: the user's service instead of the mock server. */
  readonly target?: TargetRun | undefined;
  readonly thresholds: readonly Threshold[];
  /** A level with no batch finishing for this long is abandoned. */
  readonly levelTimeoutMs: number;
  /** `--start-at` (epoch ms): when the first level begins. */
  readonly startAt?: number | undefined;
  /** The interpreter the python-* runners run on, when any runs. */
  readonly python?: PythonInterpreter | undefined;
  /** One line per runner a scenario lists that cannot run here. */
  readonly notes: readonly string[];
}

const flagsSchema = z.object(flagShape(BENCH_FLAGS));

export const REPORTS_OUT = path.join(PROJECT_ROOT, 'reports', 'out');

function benchCommand(): Command {
  return addOpenLoopOptions(addThresholdOption(addTargetOptions(baseBenchCommand(), { maxErrorRate: false })));
}

function baseBenchCommand(): Command {
  return addFlags(
    new Command('bench').description('Run scenarios through each concurrency model against a local mock server and write a report.'),
    BENCH_FLAGS,
  )
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

type RawFlags = Record<string, string | boolean | undefined>;

export async function parseBenchArgs(argv: readonly string[], now = new Date()): Promise<BenchOptions> {
  const command = benchCommand();
  parseCommand(command, argv);
  const raw = command.opts<RawFlags>();
  // The target first: a remote one without --allow-remote is refused before anything else happens.
  const target = await targetFromFlags(command.opts());
  const thresholds = thresholdsFromFlags(command.opts());
  const openLoop = openLoopFromFlags(command.opts());
  const segment = parseSegment(typeof raw.segment === 'string' ? raw.segment : undefined);
  const startAt = parseStartAt(typeof raw.startAt === 'string' ? raw.startAt : undefined, now.getTime());
  if (raw.scenario !== undefined && target)
    throw new UsageError(`Expected \`--scenario\` to be absent with --target, got \`${String(raw.scenario)}\``);
  // The request budget of a capped (remote) target counts batches, not rate x duration: not open loop there yet.
  if (openLoop && target?.caps !== undefined)
    throw new UsageError(`Expected \`--arrival-rate\` to be absent with a capped --target, got \`${openLoop.rates.join(',')}\``);
  const flags = parseOrThrow(flagsSchema, readFlags(BENCH_FLAGS, raw), { prefix: '--', names: flagNames(BENCH_FLAGS) });
  const {
    scenario,
    runners,
    limiter,
    profile,
    seed,
    threads,
    processes,
    out,
    cpuWork,
    client,
    connections,
    pipelining,
    timeoutMs,
    retries,
    levelTimeout,
    maxErrorRate,
    segment: _segment,
    startAt: _startAt,
    list,
    python: pythonPath,
    ...overrides
  } = flags;
  const settings: RunSettings = {
    profile,
    overrides: definedOnly(overrides),
    runners,
    limiters: limiter,
    seed,
    threads: threads ?? os.availableParallelism(),
    processes: processes ?? os.availableParallelism(),
    cpuWork,
    ...(maxErrorRate === undefined ? {} : { maxErrorRate }),
    ...(segment === undefined ? {} : { segment }),
    client: definedOnly({
      kind: client,
      connections,
      pipelining,
      headersTimeoutMs: timeoutMs,
      bodyTimeoutMs: timeoutMs,
      retry: retries === undefined ? undefined : { maxRetries: retries },
    }),
  };
  const chosen = [];
  if (target) chosen.push(targetScenario(target));
  else for (const value of scenario ?? defaultScenarioIds) chosen.push(await loadScenario(value));
  const resolved = chosen.map((loaded) => (target ? targetPlan(resolveScenario(loaded, settings)) : resolveScenario(loaded, settings)));
  const plans = openLoop === undefined ? resolved : resolved.map((plan) => withOpenLoop(plan, openLoop, settings.overrides));
  if (target) checkRequestBudget(plans, target);
  checkSegmentedPlans(plans, segment, target !== undefined);
  const runnable = await runnableSet(
    plans,
    { explicit: runners !== undefined, openLoop: openLoop !== undefined, target: target !== undefined },
    pythonPath,
  );
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    mode: list === true ? 'list' : 'run',
    plans: runnable.plans,
    notes: runnable.notes,
    ...(runnable.python === undefined ? {} : { python: runnable.python }),
    profile,
    seed,
    outDir: out ? path.resolve(out) : path.join(REPORTS_OUT, stamp),
    threads: settings.threads,
    processes: settings.processes,
    latestDir: path.join(REPORTS_OUT, 'latest'),
    ...(target === undefined ? {} : { target }),
    thresholds,
    levelTimeoutMs: levelTimeout * 1000,
    ...(startAt === undefined ? {} : { startAt }),
  };
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
