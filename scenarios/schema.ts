import { z } from 'zod';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { clientConfigSchema } from '../runners/client-config.ts';
import { defaultRunnerIds, runnerIds } from '../runners/registry.ts';
import { cpuWorkSchema } from '../runners/work-schema.ts';

export const PROFILE_NAMES = ['quick', 'article', 'full'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const concurrencyLevels = z.array(z.int().min(1).max(100_000)).min(1);

/** What a profile may change about a scenario; flags on the command line change the same fields. */
export const scenarioOverridesSchema = z
  .object({
    requests: z.int().min(1).max(10_000_000),
    /** Requests per lane per batch: a level's batch is rounds x its requests in flight (so every lane does the same work). */
    rounds: z.int().min(1).max(100_000),
    latencyMs: z.number().min(0).max(600_000),
    concurrency: concurrencyLevels,
    iterations: z.int().min(1).max(10_000),
    warmupIterations: z.int().min(0).max(10_000),
  })
  .partial()
  .strict();

export type ScenarioOverrides = z.output<typeof scenarioOverridesSchema>;

/** A scenario is plain data: built-ins live in one file each, users can write their own in the same shape. */
export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1).max(200),
    description: z.string().max(4000).default(''),
    server: serverProfileSchema.default(serverProfileSchema.parse({})),
    workload: z
      .object({
        requests: z.int().min(1).max(10_000_000),
        path: z.string().startsWith('/').default('/'),
        cpuWork: cpuWorkSchema.default({ kind: 'none' }),
      })
      .strict(),
    /** Client settings this workload needs (e.g. retries for a flaky API); flags override them. */
    client: clientConfigSchema.partial().default({}),
    runners: z.array(z.enum(runnerIds())).min(1).default(defaultRunnerIds()),
    concurrency: concurrencyLevels,
    iterations: z.int().min(1).max(10_000).default(3),
    warmupIterations: z.int().min(0).max(10_000).default(1),
    /** Whether `npm run bench` without --scenario runs it (false for scenarios too slow for the default minute). */
    inDefaultSuite: z.boolean().default(true),
    profiles: z.partialRecord(z.enum(PROFILE_NAMES), scenarioOverridesSchema).default({}),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
