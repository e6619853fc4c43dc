import { z } from 'zod';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { clientConfigSchema } from '../runners/client-config.ts';
import { ERROR_KINDS } from '../runners/error-kind.ts';
import { LIMITER_IDS } from '../runners/limiters/types.ts';
import { ARRIVAL_KINDS } from '../runners/open-loop/arrivals.ts';

import { cpuWorkSchema } from '../runners/work-schema.ts';
import { SCHEMA_VERSION, type ExactIdealLimit, type IdealLimit, type ResultsFile } from './types.ts';

/**
 * JSON drops `undefined`, so a contract key typed `T | undefined` may be missing from the file.
 * The identity transform keeps the key required (holding undefined) in the parsed type, as the contract has it.
 */
export function maybe<S extends z.ZodType>(schema: S) {
  return schema.optional().transform((value) => value);
}

const IDEAL_LIMITS = ['latency', 'cpu', 'capacity', 'rate-limit'] as const satisfies readonly IdealLimit[];
const EXACT_IDEAL_LIMITS = ['latency', 'cpu', 'capacity', 'rate-limit', 'retries', 'bytes'] as const satisfies readonly ExactIdealLimit[];
export const count = z.number().min(0);
/** Any runner's id: a report renders whichever runners a file names (the registry may have had more). */
export const runnerIdSchema = z.string().min(1);

const percentilesSchema = z.object({ p50: count, p90: count, p99: count, p999: count, max: count, min: count, mean: count });
const errorsByKindSchema = z.partialRecord(z.enum(ERROR_KINDS), count);

const levelLayoutSchema = z.object({ workers: z.int().min(1), lanes: z.int().min(1), inFlight: z.int().min(1) });

const completedResultSchema = z.object({
  state: z.literal('completed'),
  runner: runnerIdSchema,
  limiter: z.enum(LIMITER_IDS).optional(),
  label: z.string(),
  layout: levelLayoutSchema,
  concurrency: z.int().min(1),
  requests: z.int().min(1),
  iterations: z.int().min(1),
  startupMs: count,
  wallMs: z.object({ mean: count, stdev: count, min: count, max: count }),
  throughput: z.object({ mean: count, stdev: count, ci95: z.tuple([count, count]).optional(), best: count }),
  sendRate: z.object({ requests: count, attempts: count }),
  errorRate: z.number().min(0).max(1),
  latencyMs: percentilesSchema,
  perIteration: z.object({ wallMs: z.array(count), ok: z.array(count), requests: z.array(count) }),
  histograms: z.object({ latency: z.string(), service: z.string().optional() }),
  errors: z.object({ total: count, byKind: errorsByKindSchema }),
  attempts: z.object({ firstTries: count, retries: count }),
  latencySplitMs: z.object({ slotWait: count, serverQueue: count, serverServe: count, rest: count, backoff: count, work: count }),
  statusCounts: z.record(z.string(), count),
  bytesPerBatch: count,
  idealWallMs: count.optional(),
  idealLimitedBy: z.enum(EXACT_IDEAL_LIMITS).optional(),
  boundWallMs: count.optional(),
  boundLimitedBy: z.enum(IDEAL_LIMITS).optional(),
  efficiency: count.optional(),
  idealInvalid: z.object({ reason: z.string() }).optional(),
  overheadMs: z.number().optional(),
  littleThroughput: count.optional(),
  littleInFlight: count.optional(),
  cpu: z.object({ userMs: count, systemMs: count, coresUsed: count }),
  memory: z.object({
    peakRssBytes: count,
    mainPeakRssBytes: count,
    workersPeakRssBytes: z.array(count),
    baselineRssBytes: count.optional(),
  }),
  eventLoop: z.object({ main: maybe(count), workersMax: maybe(count) }),
  clientSaturated: maybe(z.string()),
  server: z.object({
    maxInFlight: count,
    served: count,
    latenessMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }).optional(),
    cpuCores: count.optional(),
    stealShare: z.number().min(0).max(1).optional(),
  }),
  segmentLevel: z.object({ concurrency: z.int().min(1), rate: z.number().positive().optional() }).optional(),
  warnings: z
    .array(
      z.object({
        kind: z.enum(['first-iteration-outlier', 'outliers', 'few-iterations', 'little-gap', 'host-bound-tail']),
        message: z.string(),
      }),
    )
    .optional(),
  limitTrace: z
    .object({
      samples: z.array(z.object({ atMs: count, limit: count })),
      settled: count,
      convergeMs: count.optional(),
    })
    .optional(),
  arrival: z
    .object({
      offeredRate: z.number().positive(),
      achievedRate: count,
      kind: z.enum(ARRIVAL_KINDS),
      durationMs: z.number().positive(),
      sent: count,
      dropped: count,
      expired: count,
      late: count,
      queueHighWater: count,
      maxQueue: count.optional(),
      sloP99Ms: count,
      sustained: z.boolean(),
    })
    .optional(),
  serviceLatencyMs: percentilesSchema.optional(),
});

const failedResultSchema = z.object({
  layout: levelLayoutSchema.optional(),
  offeredRate: z.number().positive().optional(),
  state: z.literal('failed'),
  runner: runnerIdSchema,
  limiter: z.enum(LIMITER_IDS).optional(),
  label: z.string(),
  concurrency: z.int().min(1),
  error: z.object({ code: z.string(), message: z.string() }),
  errors: z.object({ total: count, requests: count, byKind: errorsByKindSchema }).optional(),
  segmentLevel: z.object({ concurrency: z.int().min(1), rate: z.number().positive().optional() }).optional(),
});

const rowRefSchema = z.object({ runner: z.string(), concurrency: z.int().min(1), throughput: count });
const verdictSchema = z.discriminatedUnion('kind', [
  rowRefSchema.extend({
    kind: z.literal('winner'),
    runnerUp: rowRefSchema,
    pValue: z.number().min(0).max(1),
    relativeDifference: z.number(),
    effectSize: z.number(),
  }),
  z.object({ kind: z.literal('tie'), runners: z.array(z.string()).min(1), best: rowRefSchema, pValue: maybe(z.number().min(0).max(1)) }),
  rowRefSchema.extend({ kind: z.literal('single') }),
]);

const bestLevelSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('found'),
    runner: z.string(),
    concurrency: z.int().min(1),
    goodput: count,
    p99Ms: count,
    rule: z.string(),
    bracketed: z.boolean(),
    tryHigher: z.boolean(),
  }),
  z.object({ kind: z.literal('none'), runner: z.string(), reason: z.string() }),
]);

export const runnerFactsSchema = z.object({
  id: z.string().min(1),
  language: z.enum(['node', 'python']),
  runsOn: z.enum(['main-loop', 'threads', 'processes']),
  model: z.string(),
  inFlight: z.enum(['one', 'level']),
  workerNouns: z.tuple([z.string(), z.string()]).optional(),
  analogue: z.string(),
  articleApproach: z.enum(['Sequential', 'Threading', 'Multiprocessing', 'Asyncio']).optional(),
  interpreterLock: z.string().optional(),
  colour: z.string(),
});

export const thresholdReportSchema = z.object({
  expression: z.string(),
  results: z.array(
    z.object({
      runner: runnerIdSchema,
      limiter: z.enum(LIMITER_IDS).optional(),
      concurrency: z.int().min(1),
      value: z.number(),
      pass: z.boolean(),
    }),
  ),
});

const scenarioResultsSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  description: z.string(),
  workload: z.object({
    requests: z.int().min(1),
    rounds: z.int().min(1).optional(),
    path: z.string(),
    server: serverProfileSchema,
    meanLatencyMs: count,
    cpuWork: cpuWorkSchema,
    iterations: z.int().min(1),
    warmupIterations: z.int().min(0),
    threads: z.int().min(1),
    processes: z.int().min(1),
    client: clientConfigSchema,
    host: z.object({ roundTripFloorMs: count, bytesPerMs: maybe(z.number().positive()), floorAfterMs: count.optional() }),
    maxErrorRate: z.number().min(0).max(1),
  }),
  results: z.array(z.discriminatedUnion('state', [completedResultSchema, failedResultSchema])),
  verdict: verdictSchema.optional(),
  partial: z.boolean().optional(),
  bestLevels: z.array(bestLevelSchema).optional(),
  idealCaveats: z.array(z.string()).optional(),
  thresholds: z.array(thresholdReportSchema).optional(),
});

export const runTargetSchema = z.object({
  url: z.string(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  remote: z.boolean(),
  maxRatePerSecond: count.optional(),
  maxRequests: count.optional(),
  stoppedBy: z.string().optional(),
});

export const environmentSchema = z.object({
  node: z.string(),
  v8: z.string(),
  platform: z.string(),
  release: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cores: z.int().min(1),
  memoryBytes: count,
  packages: z.record(z.string(), z.string()),
  gitCommit: maybe(z.string()),
});

/** The results.json contract (harness/results.ts) as a schema, for files read back from disk. */
export const resultsFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('concurrency-bench'), version: z.string() }),
  environment: environmentSchema,
  runners: z.array(runnerFactsSchema),
  run: z.object({
    profile: z.string(),
    seed: maybe(z.number()),
    startedAt: z.string(),
    finishedAt: z.string(),
    complete: z.boolean(),
    target: runTargetSchema.optional(),
    segment: z.object({ index: z.int().min(1), count: z.int().min(1), startAt: z.number().optional() }).optional(),
    mergedSegments: z.int().min(1).optional(),
  }),
  scenarios: z.array(scenarioResultsSchema),
});

// Compile-time check that the schema still describes the contract: if harness/results.ts changes, this stops compiling.
type ParsedResults = z.output<typeof resultsFileSchema>;
export const parsedIsContract = (parsed: ParsedResults): ResultsFile => parsed;
