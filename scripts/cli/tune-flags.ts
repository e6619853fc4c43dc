import os from 'node:os';
import { z } from 'zod';
import { TUNE_DEFAULTS } from '../../harness/tune/defaults.ts';
import { ADAPTIVE_LIMITER_IDS } from '../../runners/limiters/types.ts';
import { runnerIds } from '../../runners/registry.ts';
import { flag } from './flag-table.ts';
import { SEED_FLAG } from './seed-flag.ts';

const cores = os.availableParallelism();
const count = (max: number) => z.int().min(1).max(max).optional();

/** Every flag `npm run tune` has of its own, written once: help, reading and validation come from here. */
export const TUNE_FLAGS = {
  scenario: flag(
    '--scenario <id|file>',
    `one scenario id or .json/.ts scenario file (default: ${TUNE_DEFAULTS.scenario})`,
    'text',
    z.string().min(1).default(TUNE_DEFAULTS.scenario),
  ),
  runners: flag(
    '--runners <ids>',
    `runners, comma-separated: ${runnerIds().join(', ')} (default: the scenario's)`,
    'texts',
    z.array(z.enum(runnerIds())).min(1).optional(),
  ),
  limiter: flag(
    '--limiter <ids>',
    `adaptive limiters tried beside the static recommendation, up to 4x its limit: ${ADAPTIVE_LIMITER_IDS.join(', ')} (default: all; none with --target)`,
    'texts',
    z.array(z.enum(ADAPTIVE_LIMITER_IDS)).min(1).optional(),
  ),
  sloP99Ms: flag(
    '--slo-p99 <ms>',
    'p99 latency a setting must stay under (default: 20 x the mean latency, at least 100 ms)',
    'number',
    z.number().gt(0).max(3_600_000).optional(),
  ),
  maxErrorRate: flag(
    '--max-error-rate <r>',
    `fraction of requests that may fail after retries (default ${TUNE_DEFAULTS.maxErrorRate})`,
    'number',
    z.number().min(0).max(1).optional(),
  ),
  maxConcurrency: flag(
    '--max-concurrency <n>',
    `most requests in flight tried (default ${TUNE_DEFAULTS.maxConcurrency})`,
    'number',
    count(100_000),
  ),
  maxPoolSize: flag('--max-pool-size <n>', `largest thread/process pool tried (default 2 x cores = ${2 * cores})`, 'number', count(256)),
  poolSize: flag('--pool-size <n>', `pool size of the concurrency sweep (default: cores = ${cores})`, 'number', count(256)),
  latencyMs: flag(
    '--latency <ms>',
    "override the scenario's mean server latency (a --target's is probed from the client)",
    'number',
    z.number().min(0).max(600_000).optional(),
  ),
  rounds: flag(
    '--rounds <n>',
    'requests per lane per batch (default: enough for ~300 ms at the latency, 8 to 50)',
    'number',
    count(10_000),
  ),
  iterations: flag('--iterations <n>', `measured batches per setting (default ${TUNE_DEFAULTS.iterations})`, 'number', count(10_000)),
  warmupIterations: flag(
    '--warmup <n>',
    `warm-up batches per setting (default ${TUNE_DEFAULTS.warmupIterations})`,
    'number',
    z.int().min(0).max(10_000).optional(),
  ),
  seed: SEED_FLAG,
  levelTimeout: flag(
    '--level-timeout <s>',
    'abandon a setting when no batch finishes for this many seconds (default 60)',
    'number',
    z.number().gt(0).max(86_400).default(60),
  ),
  out: flag('--out <dir>', 'output folder (default: reports/out/tune-<time>/)', 'text', z.string().min(1).optional()),
  openLoop: flag(
    '--open-loop',
    "also find each runner's highest sustainable arrival rate at its recommended limit (open loop; adds ~1 min per runner)",
    'switch',
    z.boolean().optional(),
  ),
};
