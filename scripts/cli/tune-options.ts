import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { parseCommand } from './parse-command.ts';
import type { TuneOverrides } from '../../harness/tune/defaults.ts';
import { ADAPTIVE_LIMITER_IDS, type AdaptiveLimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import { loadScenario } from '../../scenarios/load-file.ts';
import { resolveScenario, type ScenarioPlan } from '../../scenarios/resolve.ts';
import { REPORTS_OUT } from './bench-options.ts';
import { parseOrThrow } from '../../common/validation.ts';
import { addFlags, flagNames, flagShape, readFlags } from './flag-table.ts';
import { TUNE_FLAGS } from './tune-flags.ts';
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

const flagsSchema = z.object(flagShape(TUNE_FLAGS)).strict();

function tuneCommand(): Command {
  const command = addFlags(
    new Command('tune').description(
      'Find the concurrency limit, pool size and connection count a workload should use: sweeps each runner against a local mock server and recommends the smallest setting near the peak.',
    ),
    TUNE_FLAGS,
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
  const raw = command.opts<Record<string, string | boolean | undefined>>();
  // The target first: a remote one is refused before anything else happens (see checkTuneTarget).
  const target = checkTuneTarget(await targetFromFlags(command.opts()), typeof raw.scenario === 'string' ? raw.scenario : undefined);
  const thresholds = thresholdsFromFlags(command.opts());
  checkTuneMetrics(thresholds);
  const flags = parseOrThrow(flagsSchema, readFlags(TUNE_FLAGS, raw), { prefix: '--', names: flagNames(TUNE_FLAGS) });
  const openLoop = flags.openLoop === true;
  if (target && flags.latencyMs !== undefined)
    throw new UsageError(
      `Expected \`--latency\` to be absent with --target (tune probes your service's latency), got \`${flags.latencyMs}\``,
    );
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
