import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../harness/project-root.ts';
import { defaultClientConfig } from '../../runners/http-client.ts';
import { RUNNER_IDS } from '../../runners/types.ts';
import { defaultScenarioIds, findScenario } from '../../scenarios/registry.ts';
import { resolveScenario, type ScenarioPlan } from '../../scenarios/resolve.ts';
import { PROFILE_NAMES, scenarioOverridesSchema, type ProfileName } from '../../scenarios/schema.ts';
import { numeric, numericList, parseOrThrow, textList } from './validation.ts';

export interface BenchOptions {
  readonly mode: 'run' | 'list';
  readonly plans: readonly ScenarioPlan[];
  readonly profile: ProfileName;
  readonly seed: number | undefined;
  readonly outDir: string;
  readonly latestDir: string;
}

const flagsSchema = z
  .object({
    scenario: z.array(z.string().min(1)).min(1).optional(),
    runners: z.array(z.enum(RUNNER_IDS)).min(1).optional(),
    profile: z.enum(PROFILE_NAMES).default('quick'),
    seed: z.int().min(0).max(2 ** 32 - 1).optional(),
    poolSize: z.int().min(1).max(256).optional(),
    out: z.string().min(1).optional(),
  })
  .extend(scenarioOverridesSchema.shape);

export const REPORTS_OUT = path.join(PROJECT_ROOT, 'reports', 'out');

export function benchCommand(): Command {
  return new Command('bench')
    .description('Run scenarios through each concurrency model against a local mock server and write a report.')
    .option('--scenario <ids>', `scenario ids, comma-separated (default: ${defaultScenarioIds.join(',')})`)
    .option('--runners <ids>', `runners, comma-separated: ${RUNNER_IDS.join(', ')}`)
    .option('--requests <n>', 'requests per batch (one iteration = one batch)')
    .option('--latency <ms>', 'mock-server latency in ms')
    .option('--concurrency <list>', 'requests in flight, comma-separated levels, e.g. 1,10,100')
    .option('--iterations <n>', 'measured iterations per runner and level')
    .option('--warmup <n>', 'warm-up iterations per runner and level')
    .option('--pool-size <n>', 'worker threads / child processes (default: available cores)')
    .option('--profile <name>', `size preset: ${PROFILE_NAMES.join(', ')}`, 'quick')
    .option('--seed <n>', 'seed for latency and fault sequences')
    .option('--out <dir>', 'output folder (default: a new folder under reports/out/, copied to reports/out/latest/)')
    .option('--list', 'list the built-in scenarios and exit')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

type RawFlags = Record<string, string | boolean | undefined>;

export function parseBenchArgs(argv: readonly string[], now = new Date()): BenchOptions {
  const command = benchCommand();
  command.parse([...argv], { from: 'user' });
  const raw = command.opts<RawFlags>();
  const text = (name: string): string | undefined => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
  const flags = parseOrThrow(
    flagsSchema,
    {
      scenario: textList(text('scenario')),
      runners: textList(text('runners')),
      profile: text('profile'),
      seed: numeric(text('seed')),
      poolSize: numeric(text('poolSize')),
      out: text('out'),
      requests: numeric(text('requests')),
      latencyMs: numeric(text('latency')),
      concurrency: numericList(text('concurrency')),
      iterations: numeric(text('iterations')),
      warmupIterations: numeric(text('warmup')),
    },
    { prefix: '--', names: { latencyMs: 'latency', warmupIterations: 'warmup', poolSize: 'pool-size' } },
  );
  const { scenario, runners, profile, seed, poolSize, out, ...overrides } = flags;
  const settings = {
    profile,
    overrides: Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
    runners,
    seed,
    poolSize: poolSize ?? os.availableParallelism(),
    client: defaultClientConfig,
  };
  const plans = (scenario ?? defaultScenarioIds).map((id) => resolveScenario(findScenario(id), settings));
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    mode: raw.list === true ? 'list' : 'run',
    plans,
    profile,
    seed,
    outDir: out ? path.resolve(out) : path.join(REPORTS_OUT, stamp),
    latestDir: path.join(REPORTS_OUT, 'latest'),
  };
}
