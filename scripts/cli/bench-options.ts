import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parseCommand } from './parse-command.ts';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../common/project-root.ts';
import { CLIENT_KINDS } from '../../runners/client-config.ts';
import { cpuWorkSchema } from '../../runners/work-schema.ts';
import { LIMITER_IDS } from '../../runners/limiters/types.ts';
import { runnerIds } from '../../runners/registry.ts';
import { loadScenario } from '../../scenarios/load-file.ts';
import { defaultScenarioIds } from '../../scenarios/registry.ts';
import { resolveScenario, type RunSettings, type ScenarioPlan } from '../../scenarios/resolve.ts';
import { PROFILE_NAMES, scenarioOverridesSchema, type ProfileName } from '../../scenarios/schema.ts';
import { numeric, numericList, parseOrThrow, textList } from '../../common/validation.ts';
import { UsageError } from '../../common/usage-error.ts';
import { checkRequestBudget, targetPlan, targetScenario } from '../../harness/target/target-plan.ts';
import type { TargetRun } from '../../harness/target/types.ts';
import type { Threshold } from '../../harness/thresholds/parse-threshold.ts';
import { addOpenLoopOptions, openLoopFromFlags, withOpenLoop } from './open-loop-flags.ts';
import { checkSegmentedPlans, parseSegment, parseStartAt } from './segment-flags.ts';
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
}

const flagsSchema = z
  .object({
    scenario: z.array(z.string().min(1)).min(1).optional(),
    runners: z.array(z.enum(runnerIds())).min(1).optional(),
    limiter: z.array(z.enum(LIMITER_IDS)).min(1).optional(),
    profile: z.enum(PROFILE_NAMES).default('quick'),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    threads: z.int().min(1).max(256).optional(),
    processes: z.int().min(1).max(256).optional(),
    out: z.string().min(1).optional(),
    cpuWork: cpuWorkSchema.optional(),
    client: z.enum(CLIENT_KINDS).optional(),
    connections: z.int().min(1).max(100_000).optional(),
    pipelining: z.int().min(1).max(128).optional(),
    timeoutMs: z.number().min(1).max(3_600_000).optional(),
    retries: z.int().min(0).max(20).optional(),
    levelTimeout: z.number().gt(0).max(86_400).default(60),
    maxErrorRate: z.number().min(0).max(1).optional(),
  })
  .extend(scenarioOverridesSchema.shape);

export const REPORTS_OUT = path.join(PROJECT_ROOT, 'reports', 'out');

export function benchCommand(): Command {
  return addOpenLoopOptions(addThresholdOption(addTargetOptions(baseBenchCommand(), { maxErrorRate: false })));
}

function baseBenchCommand(): Command {
  return new Command('bench')
    .description('Run scenarios through each concurrency model against a local mock server and write a report.')
    .option('--scenario <ids>', 'scenario ids or .json/.ts scenario files, comma-separated (default: every built-in; see --list)')
    .option('--runners <ids>', `runners, comma-separated: ${runnerIds().join(', ')}`)
    .option(
      '--limiter <ids>',
      `how promise-concurrent and each pool worker limit requests in flight, comma-separated, each its own row: ${LIMITER_IDS.join(', ')} (default: lanes)`,
    )
    .option('--requests <n>', 'requests per batch, the same at every level (one iteration = one batch)')
    .option('--rounds <n>', 'requests per lane per batch: each level sends rounds x in flight (the quick profile: 8)')
    .option('--latency <ms>', 'mock-server latency in ms')
    .option('--concurrency <list>', 'requests in flight, comma-separated levels, e.g. 1,10,100')
    .option('--iterations <n>', 'measured iterations per runner and level')
    .option('--warmup <n>', 'warm-up iterations per runner and level')
    .option('--threads <n>', `worker threads for worker-threads (default: available cores, ${os.availableParallelism()})`)
    .option('--processes <n>', `child processes for child-process (default: available cores, ${os.availableParallelism()})`)
    .option('--cpu-work <kind>', 'CPU work per response: none, json, html or busy:MS (e.g. busy:5)')
    .option('--client <kind>', `HTTP client for every runner: ${CLIENT_KINDS.join(', ')} (default: undici)`)
    .option('--connections <n>', 'connections per process (default: the requests that process keeps in flight)')
    .option('--pipelining <n>', 'HTTP/1.1 pipelining depth per connection (undici clients; default 1)')
    .option('--timeout <ms>', 'headers and body timeout per request (default 30000)')
    .option('--retries <n>', 'retries per request on 429/5xx/reset/timeout, full-jitter backoff honouring Retry-After (default 0)')
    .option('--profile <name>', `size preset: ${PROFILE_NAMES.join(', ')}`, 'quick')
    .option('--seed <n>', 'seed for latency and fault sequences')
    .option('--level-timeout <s>', 'abandon a level when no batch finishes for this many seconds (default 60)')
    .option(
      '--max-error-rate <r>',
      "a level whose requests fail (after retries) more often than this fraction fails, and a remote --target run stops (default: the scenario's injected fault rate + 0.01; 0.05 for a remote target)",
    )
    .option('--out <dir>', 'output folder (default: a new folder under reports/out/, copied to reports/out/latest/)')
    .option('--segment <i/N>', 'send the i-th of N disjoint shares of every level, for a run split over machines (needs --target)')
    .option('--start-at <time>', 'begin the first level at this moment (ISO time or epoch ms), so every segment starts together')
    .option('--list', 'list the built-in scenarios and exit')
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
  // The request budget of a capped (remote) target counts batches, not rate x duration: not open loop there yet.
  if (openLoop && target?.caps !== undefined)
    throw new UsageError(`Expected \`--arrival-rate\` to be absent with a capped --target, got \`${openLoop.rates.join(',')}\``);
  if (target && raw.scenario !== undefined)
    throw new UsageError(`Expected \`--scenario\` to be absent with --target, got \`${String(raw.scenario)}\``);
  const text = (name: string): string | undefined => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
  const flags = parseOrThrow(
    flagsSchema,
    {
      scenario: textList(text('scenario')),
      runners: textList(text('runners')),
      limiter: textList(text('limiter')),
      profile: text('profile'),
      seed: numeric(text('seed')),
      threads: numeric(text('threads')),
      processes: numeric(text('processes')),
      cpuWork: parseCpuWork(text('cpuWork')),
      client: text('client'),
      connections: numeric(text('connections')),
      pipelining: numeric(text('pipelining')),
      timeoutMs: numeric(text('timeout')),
      retries: numeric(text('retries')),
      levelTimeout: numeric(text('levelTimeout')),
      maxErrorRate: numeric(text('maxErrorRate')),
      out: text('out'),
      requests: numeric(text('requests')),
      rounds: numeric(text('rounds')),
      latencyMs: numeric(text('latency')),
      concurrency: numericList(text('concurrency')),
      iterations: numeric(text('iterations')),
      warmupIterations: numeric(text('warmup')),
    },
    {
      prefix: '--',
      names: {
        latencyMs: 'latency',
        warmupIterations: 'warmup',
        cpuWork: 'cpu-work',
        timeoutMs: 'timeout',
        levelTimeout: 'level-timeout',
        maxErrorRate: 'max-error-rate',
      },
    },
  );
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
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    mode: raw.list === true ? 'list' : 'run',
    plans,
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

/** `none`, `json`, `html` or `busy:MS` on the command line; the schema reports anything else. */
function parseCpuWork(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  const busy = /^busy:(.*)$/.exec(raw.trim());
  if (busy) return { kind: 'busy', ms: numeric(busy[1]) };
  return { kind: raw.trim() };
}
