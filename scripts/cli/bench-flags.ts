import os from 'node:os';
import { z } from 'zod';
import { CLIENT_KINDS } from '../../runners/client-config.ts';
import { LIMITER_IDS } from '../../runners/limiters/types.ts';
import { runnerIds } from '../../runners/registry.ts';
import { cpuWorkSchema } from '../../runners/work-schema.ts';
import { numeric } from '../../common/validation.ts';
import { PROFILE_NAMES, scenarioOverridesSchema } from '../../scenarios/schema.ts';
import { flag } from './flag-table.ts';
import { SEED_FLAG } from './seed-flag.ts';

/** `none`, `json`, `html` or `busy:MS` on the command line; the schema reports anything else. */
function readCpuWork(raw: string): unknown {
  const busy = /^busy:(.*)$/.exec(raw.trim());
  if (busy) return { kind: 'busy', ms: numeric(busy[1]) };
  return { kind: raw.trim() };
}

const overrides = scenarioOverridesSchema.shape;
const cores = os.availableParallelism();

/** Every flag `npm run bench` has of its own, written once: help, reading and validation come from here. */
export const BENCH_FLAGS = {
  scenario: flag(
    '--scenario <ids>',
    'scenario ids or .json/.ts scenario files, comma-separated (default: the default run; --list shows which)',
    'texts',
    z.array(z.string().min(1)).min(1).optional(),
  ),
  runners: flag(
    '--runners <ids>',
    `runners, comma-separated: ${runnerIds().join(', ')}`,
    'texts',
    z.array(z.enum(runnerIds())).min(1).optional(),
  ),
  limiter: flag(
    '--limiter <ids>',
    `how promise-concurrent and each pool worker limit requests in flight, comma-separated, each its own row: ${LIMITER_IDS.join(', ')} (default: lanes)`,
    'texts',
    z.array(z.enum(LIMITER_IDS)).min(1).optional(),
  ),
  requests: flag('--requests <n>', 'requests per batch, the same at every level (one iteration = one batch)', 'number', overrides.requests),
  rounds: flag(
    '--rounds <n>',
    'requests per lane per batch: each level sends rounds x in flight (the quick profile: 8)',
    'number',
    overrides.rounds,
  ),
  latencyMs: flag('--latency <ms>', 'mock-server latency in ms', 'number', overrides.latencyMs),
  concurrency: flag('--concurrency <list>', 'requests in flight, comma-separated levels, e.g. 1,10,100', 'numbers', overrides.concurrency),
  iterations: flag('--iterations <n>', 'measured iterations per runner and level', 'number', overrides.iterations),
  warmupIterations: flag(
    '--warmup <n>',
    'warm-up iterations per runner and level; 0 also skips warming each fresh model host',
    'number',
    overrides.warmupIterations,
  ),
  threads: flag(
    '--threads <n>',
    `worker threads for worker-threads (default: available cores, ${cores})`,
    'number',
    z.int().min(1).max(256).optional(),
  ),
  processes: flag(
    '--processes <n>',
    `child processes for child-process (default: available cores, ${cores})`,
    'number',
    z.int().min(1).max(256).optional(),
  ),
  cpuWork: flag(
    '--cpu-work <kind>',
    'CPU work per response: none, json, html or busy:MS (e.g. busy:5)',
    readCpuWork,
    cpuWorkSchema.optional(),
  ),
  client: flag(
    '--client <kind>',
    `HTTP client for every runner: ${CLIENT_KINDS.join(', ')} (default: undici)`,
    'text',
    z.enum(CLIENT_KINDS).optional(),
  ),
  connections: flag(
    '--connections <n>',
    'connections per process (default: the requests that process keeps in flight)',
    'number',
    z.int().min(1).max(100_000).optional(),
  ),
  pipelining: flag(
    '--pipelining <n>',
    'HTTP/1.1 pipelining depth per connection (undici clients; default 1)',
    'number',
    z.int().min(1).max(128).optional(),
  ),
  timeoutMs: flag(
    '--timeout <ms>',
    'headers and body timeout per request (default 30000)',
    'number',
    z.number().min(1).max(3_600_000).optional(),
  ),
  retries: flag(
    '--retries <n>',
    'retries per request on 429/5xx/reset/timeout, full-jitter backoff honouring Retry-After (default 0)',
    'number',
    z.int().min(0).max(20).optional(),
  ),
  profile: flag(
    '--profile <name>',
    `size preset: ${PROFILE_NAMES.join(', ')} (default quick)`,
    'text',
    z.enum(PROFILE_NAMES).default('quick'),
  ),
  seed: SEED_FLAG,
  levelTimeout: flag(
    '--level-timeout <s>',
    'abandon a level when no batch finishes for this many seconds (default 60)',
    'number',
    z.number().gt(0).max(86_400).default(60),
  ),
  maxErrorRate: flag(
    '--max-error-rate <r>',
    "a level whose requests fail (after retries) more often than this fraction fails, and a remote --target run stops (default: the scenario's injected fault rate + 0.01; 0.05 for a remote target)",
    'number',
    z.number().min(0).max(1).optional(),
  ),
  out: flag(
    '--out <dir>',
    'output folder (default: a new folder under reports/out/, copied to reports/out/latest/)',
    'text',
    z.string().min(1).optional(),
  ),
  segment: flag(
    '--segment <i/N>',
    'send the i-th of N disjoint shares of every level, for a run split over machines (needs --target)',
    'text',
    z.string().optional(),
  ),
  startAt: flag(
    '--start-at <time>',
    'begin the first level at this moment (ISO time or epoch ms), so every segment starts together',
    'text',
    z.string().optional(),
  ),
  python: flag(
    '--python <path>',
    'the Python interpreter for the python-* runners (default: python3 on PATH, else /usr/bin/python3, whichever imports requests and aiohttp)',
    'text',
    z.string().min(1).optional(),
  ),
  list: flag('--list', 'list the built-in scenarios and exit', 'switch', z.boolean().optional()),
} as const;
