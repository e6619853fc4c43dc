import { z } from 'zod';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { clientConfigSchema } from '../runners/client-config.ts';
import { ADAPTIVE_LIMITER_IDS } from '../runners/limiters/types.ts';
import { count, environmentSchema, maybe, runnerFactsSchema, runnerIdSchema, runTargetSchema, thresholdReportSchema } from './schema.ts';
import { TUNE_SCHEMA_VERSION, type TuneFile } from './tune-types.ts';

const level = z.int().min(1);

const settingShape = {
  concurrency: level,
  poolSize: level.optional(),
  connections: level.optional(),
  pipelining: level.optional(),
};

const tunePointSchema = z.object({
  ...settingShape,
  runner: runnerIdSchema,
  sweep: z.enum(['concurrency', 'refine', 'fit', 'confirm', 'pool', 'agent']),
  label: z.string(),
  requests: count,
  iterations: count,
  throughput: count,
  throughputBest: count,
  throughputCi95: z.tuple([z.number(), z.number()]).optional(),
  littleThroughput: maybe(count),
  littleInFlight: count.optional(),
  latencyMs: z.object({ p50: count, p99: count, mean: count }),
  errorRate: count,
  retries: count,
  rateLimited: count,
  serverQueueMs: count,
  serverServeMs: count.optional(),
  clientSaturated: maybe(z.string()),
});

const recommendationSchema = z.object({
  runner: runnerIdSchema,
  concurrency: level,
  threads: level.optional(),
  processes: level.optional(),
  connections: level.optional(),
  pipelining: level.optional(),
  throughput: count,
  littleThroughput: maybe(count),
  p99Ms: count,
  meetsSlo: z.boolean(),
  reason: z.string(),
});

const uslRecordSchema = z.object({
  runner: runnerIdSchema,
  sigma: z.number(),
  kappa: z.number(),
  lambda: z.number(),
  sigmaError: z.number(),
  kappaError: z.number(),
  lambdaError: z.number(),
  kappaInterval: z.tuple([z.number(), z.number()]),
  r2: z.number(),
  levels: count,
  highestLevel: count,
  retrograde: z.boolean(),
  flatBecause: z.enum(['kappa-zero', 'no-measured-fall']).optional(),
  modelPeakConcurrency: count.optional(),
  peakConcurrency: count.optional(),
  peakThroughput: count.optional(),
  limitedBy: z.enum(['contention', 'coherency']),
});

/** The tune.json contract (results/tune-types.ts) as a schema, for files read back from disk. */
export const tuneFileSchema = z.object({
  schemaVersion: z.literal(TUNE_SCHEMA_VERSION),
  kind: z.literal('tune'),
  tool: z.object({ name: z.literal('concurrency-bench'), version: z.string() }),
  environment: environmentSchema,
  runners: z.array(runnerFactsSchema),
  run: z.object({ seed: maybe(z.number()), startedAt: z.string(), finishedAt: z.string(), complete: z.boolean() }),
  scenario: z.object({
    id: z.string().min(1),
    title: z.string(),
    description: z.string(),
    meanLatencyMs: count,
    server: serverProfileSchema,
    client: clientConfigSchema,
  }),
  slo: z.object({ p99Ms: count, maxErrorRate: count }),
  bounds: z.object({
    maxConcurrency: level,
    maxPoolSize: level,
    basePoolSize: level,
    rounds: level,
    iterations: level,
    warmupIterations: count,
  }),
  recommendations: z.array(recommendationSchema),
  sweeps: z.array(
    z.object({
      runner: runnerIdSchema,
      reason: z.enum(['plateau', 'falling', 'slo', 'errors', 'max', 'interrupted', 'failed']),
      atConcurrency: count,
      message: z.string().optional(),
    }),
  ),
  points: z.array(tunePointSchema),
  adaptive: z
    .array(
      z.object({
        runner: runnerIdSchema,
        limiter: z.enum(ADAPTIVE_LIMITER_IDS),
        maxConcurrency: level,
        throughput: count,
        littleInFlight: count.optional(),
        p99Ms: count,
        throughputShare: count,
        p99Ratio: count,
        settledLimit: maybe(count),
        errorRate: count,
      }),
    )
    .optional(),
  sustainable: z.array(z.object({ runner: runnerIdSchema, limit: level, rate: count, p99Ms: count })).optional(),
  ratePoints: z
    .array(
      z.object({
        runner: runnerIdSchema,
        sweep: z.literal('rate'),
        limit: level,
        label: z.string(),
        offeredRate: count,
        achievedRate: count,
        p50Ms: count,
        p99Ms: count,
        serviceP99Ms: count,
        errorRate: count,
        dropped: count,
        sustainable: z.boolean(),
      }),
    )
    .optional(),
  target: runTargetSchema.optional(),
  thresholds: z.array(thresholdReportSchema).optional(),
  probe: z.object({ requests: count, medianMs: count, meanMs: count, minMs: count, maxMs: count }).optional(),
  usl: z.array(uslRecordSchema).optional(),
  uslSkipped: z.array(z.object({ runner: runnerIdSchema, reason: z.string() })).optional(),
});

// Compile-time check that the schema still describes the contract: if tune-types.ts changes, this stops compiling.
type ParsedTune = z.output<typeof tuneFileSchema>;
export const parsedIsTuneContract = (parsed: ParsedTune): TuneFile => parsed;
