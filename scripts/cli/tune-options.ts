import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parseCommand } from './parse-command.ts';
import { z } from 'zod';
import { TUNE_DEFAULTS, type TuneOverrides } from '../../harness/tune/defaults.ts';
import { ADAPTIVE_LIMITER_IDS, type AdaptiveLimiterId } from '../../runners/limiters/types.ts';
import { runnerIds } from '../../runners/registry.ts';
import type { RunnerId } from '../../runners/types.ts';
import { loadScenario } from '../../scenarios/load-file.ts';
import { resolveScenario, type ScenarioPlan } from '../../scenarios/resolve.ts';
import { REPORTS_OUT } from './bench-options.ts';
import { numeric, parseOrThrow, textList } from '../../common/validation.ts';
import { UsageError } from '../../common/usage-error.ts';
import { targetPlan, targetScenario } from '../../harness/target/target-plan.ts';
import type { TargetRun } from '../../harness/target/types.ts';
import type { Threshold } from '../../harness/thresholds/parse-threshold.ts';
import { checkTuneMetrics } from '../../harness/tune/tune-thresholds.ts';
import { addTargetOptions, addThresholdOption, targetFromFlags, thresholdsFromFlags } from './target-flags.ts';

export interface TuneCliOptions {
  readonly plan: ScenarioPlan;
  readonly runners: readonly RunnerId[];
  /** The limits and bounds the flags set; the rest follow from the latency (a --target's is probed first). */
  readonly overrides: TuneOverrides;
  readonly seed: number | undefined;
  readonly outDir: string;
  /** A point with no batch finishing for this long is abandoned. */
  readonly levelTimeoutMs: number;
  /** Adaptive limiters measured beside each recommendation (`--limiter`): all by default, none for a --target unless given. */
  readonly limiters: readonly AdaptiveLimiterId[];
  /** `--open-loop`: also the highest sustainable rate per runner at its recommended limit. */
  readonly openLoop: boolean;
  /** `--target`: the user's loopback service instead of the mock server. */
  readonly target?: TargetRun | undefined;
  readonly thresholds: readonly Threshold[];
}

const flagsSchema = z
  .object({
    scenario: z.string().min(1).default(TUNE_DEFAULTS.scenario),
    runners: z.array(z.enum(runnerIds())).min(1).optional(),
    limiter: z.array(z.enum(ADAPTIVE_LIMITER_IDS)).min(1).optional(),
    sloP99Ms: z.number().gt(0).max(3_600_000).optional(),
    maxErrorRate: z.number().min(0).max(1).optional(),
    maxConcurrency: z.int().min(1).max(100_000).optional(),
    maxPoolSize: z.int().min(1).max(256).optional(),
    poolSize: z.int().min(1).max(256).optional(),
    latencyMs: z.number().min(0).max(600_000).optional(),
    rounds: z.int().min(1).max(10_000).optional(),
    iterations: z.int().min(1).max(10_000).optional(),
    warmupIterations: z.int().min(0).max(10_000).optional(),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    out: z.string().min(1).optional(),
    levelTimeout: z.number().gt(0).max(86_400).default(60),
  })
  .strict();

const FLAG_NAMES = {
  sloP99Ms: 'slo-p99',
  maxErrorRate: 'max-error-rate',
  maxConcurrency: 'max-concurrency',
  maxPoolSize: 'max-pool-size',
  poolSize: 'pool-size',
  latencyMs: 'latency',
  warmupIterations: 'warmup',
  levelTimeout: 'level-timeout',
};

export function tuneCommand(): Command {
  const cores = os.availableParallelism();
  const command = new Command('tune')
    .description(
      'Find the concurrency limit, pool size and connection count a workload should use: sweeps each runner against a local mock server and recommends the smallest setting near the peak.',
    )
    .option('--scenario <id|file>', `one scenario id or .json/.ts scenario file (default: ${TUNE_DEFAULTS.scenario})`)
    .option('--runners <ids>', `runners, comma-separated: ${runnerIds().join(', ')} (default: the scenario's)`)
    .option(
      '--limiter <ids>',
      `adaptive limiters tried beside the static recommendation, up to 4x its limit: ${ADAPTIVE_LIMITER_IDS.join(', ')} (default: all; none with --target)`,
    )
    .option('--slo-p99 <ms>', 'p99 latency a setting must stay under (default: 20 x the mean latency, at least 100 ms)')
    .option('--max-error-rate <r>', `fraction of requests that may fail after retries (default ${TUNE_DEFAULTS.maxErrorRate})`)
    .option('--max-concurrency <n>', `most requests in flight tried (default ${TUNE_DEFAULTS.maxConcurrency})`)
    .option('--max-pool-size <n>', `largest thread/process pool tried (default 2 x cores = ${2 * cores})`)
    .option('--pool-size <n>', `pool size of the concurrency sweep (default: cores = ${cores})`)
    .option('--latency <ms>', "override the scenario's mean server latency (a --target's is probed from the client)")
    .option('--rounds <n>', 'requests per lane per batch (default: enough for ~300 ms at the latency, 8 to 50)')
    .option('--iterations <n>', `measured batches per setting (default ${TUNE_DEFAULTS.iterations})`)
    .option('--warmup <n>', `warm-up batches per setting (default ${TUNE_DEFAULTS.warmupIterations})`)
    .option('--seed <n>', 'seed for latency and fault sequences')
    .option('--level-timeout <s>', 'abandon a setting when no batch finishes for this many seconds (default 60)')
    .option('--out <dir>', 'output folder (default: reports/out/tune-<time>/)')
    .option(
      '--open-loop',
      "also find each runner's highest sustainable arrival rate at its recommended limit (open loop; adds ~1 min per runner)",
    )
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  // tune has its own --max-error-rate (a limit on the settings), so the target's companion is left out.
  return addThresholdOption(addTargetOptions(command, { maxErrorRate: false }));
}

export async function parseTuneArgs(argv: readonly string[], now = new Date()): Promise<TuneCliOptions> {
  const command = tuneCommand();
  parseCommand(command, argv);
  const raw = command.opts<Record<string, string | undefined>>();
  // The target first: a remote one is refused before anything else happens (see checkTuneTarget).
  const target = checkTuneTarget(await targetFromFlags(command.opts()), raw.scenario);
  const thresholds = thresholdsFromFlags(command.opts());
  checkTuneMetrics(thresholds);
  const openLoop = command.opts<{ openLoop?: boolean }>().openLoop === true;
  const flags = parseOrThrow(
    flagsSchema,
    {
      scenario: raw.scenario,
      runners: textList(raw.runners),
      limiter: textList(raw.limiter),
      sloP99Ms: numeric(raw.sloP99),
      maxErrorRate: numeric(raw.maxErrorRate),
      maxConcurrency: numeric(raw.maxConcurrency),
      maxPoolSize: numeric(raw.maxPoolSize),
      poolSize: numeric(raw.poolSize),
      latencyMs: numeric(raw.latency),
      rounds: numeric(raw.rounds),
      iterations: numeric(raw.iterations),
      warmupIterations: numeric(raw.warmup),
      seed: numeric(raw.seed),
      out: raw.out,
      levelTimeout: numeric(raw.levelTimeout),
    },
    { prefix: '--', names: FLAG_NAMES },
  );
  if (target && flags.latencyMs !== undefined)
    throw new UsageError(`Expected \`--latency\` to be absent with --target (tune probes your service's latency), got \`${raw.latency}\``);
  const scenario = target ? targetScenario(target) : await loadScenario(flags.scenario);
  const resolved = resolveScenario(scenario, {
    profile: 'article',
    overrides: flags.latencyMs === undefined ? {} : { latencyMs: flags.latencyMs },
    runners: flags.runners,
    seed: flags.seed,
    threads: flags.poolSize ?? os.availableParallelism(),
    processes: flags.poolSize ?? os.availableParallelism(),
    client: {},
    cpuWork: undefined,
  });
  const plan = target ? targetPlan(resolved) : resolved;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    plan,
    runners: plan.runners,
    overrides: {
      sloP99Ms: flags.sloP99Ms,
      maxErrorRate: flags.maxErrorRate,
      maxConcurrency: flags.maxConcurrency,
      maxPoolSize: flags.maxPoolSize,
      basePoolSize: flags.poolSize,
      rounds: flags.rounds,
      iterations: flags.iterations,
      warmupIterations: flags.warmupIterations,
    },
    seed: flags.seed,
    // A real service gets the adaptive limiters only when asked: they probe past the knee by design.
    limiters: flags.limiter ?? (target ? [] : ADAPTIVE_LIMITER_IDS),
    outDir: flags.out ? path.resolve(flags.out) : path.join(REPORTS_OUT, `tune-${stamp}`),
    levelTimeoutMs: flags.levelTimeout * 1000,
    openLoop,
    ...(target === undefined ? {} : { target }),
    thresholds,
  };
}

/**
 * tune against your own service runs on loopback only: its sweep sends as many requests as it needs to find the
 * knee, which no request budget can promise in advance, so the caps of a remote target could not hold.
 */
function checkTuneTarget(target: TargetRun | undefined, scenario: string | undefined): TargetRun | undefined {
  if (target?.caps !== undefined) {
    throw new UsageError(
      `Expected \`--target\` of tune to be a loopback address (127.0.0.0/8, ::1, localhost), got \`${target.record.url}\` (tune's request count is not known up front, so a remote target's caps cannot hold; use \`npm run bench -- --target\`)`,
    );
  }
  if (target && scenario !== undefined) throw new UsageError(`Expected \`--scenario\` to be absent with --target, got \`${scenario}\``);
  return target;
}
