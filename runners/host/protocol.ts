import { z } from 'zod';
import { ERROR_KINDS } from '../error-kind.ts';
import type { Batch } from '../batch-spec.ts';

/** The runner protocol (docs/runner-protocol.md): what the orchestrator and a model host say to each other. */
export const HOST_PROTOCOL_VERSION = 1;

export type ToHost =
  | { readonly type: 'start'; readonly protocol: number; readonly runner: string; readonly poolSize: number }
  | { readonly type: 'batch'; readonly id: number; readonly batch: Batch }
  | { readonly type: 'stop' };

const count = z.int().min(0);

const processUsageSchema = z.object({
  pid: z.int(),
  cpuUserUs: z.number().min(0),
  cpuSystemUs: z.number().min(0),
  maxRssBytes: z.number().min(0),
});

const splitSchema = z.object({
  slotWaitMs: z.number().min(0),
  serverQueueMs: z.number().min(0),
  serverServeMs: z.number().min(0),
  restMs: z.number().min(0),
  backoffMs: z.number().min(0),
  workMs: z.number().min(0),
});

/** Microseconds, as a typed array (Node hosts, structured clone) or a JSON list (other languages). */
const microseconds = z.union([
  z.custom<Uint32Array>((value) => value instanceof Uint32Array, 'a Uint32Array'),
  z.array(z.number().min(0)).readonly(),
]);

const openPartSchema = z.object({
  serviceUs: microseconds,
  counts: z.object({
    sent: count,
    dropped: count,
    expired: count,
    late: count,
    queueHighWater: count,
    lastSentOffsetMs: z.number().min(0),
  }),
});

/** One batch's outcome as a host sends it: counts, and each request's latency in microseconds. */
const hostOutcomeSchema = z.object({
  requests: count,
  ok: count,
  bytes: z.number().min(0),
  retries: count,
  errorsByKind: z.partialRecord(z.enum(ERROR_KINDS), count),
  statusCounts: z.record(z.string(), count),
  split: splitSchema,
  loopUtilization: z.array(z.number().min(0).max(1)).readonly().default([]),
  requestsByLoop: z.array(count).readonly().default([]),
  latenciesUs: microseconds,
  processes: z.array(processUsageSchema).readonly().default([]),
  open: openPartSchema.optional(),
  limitTrace: z.array(z.number()).readonly().optional(),
});

export type HostOutcome = z.output<typeof hostOutcomeSchema>;

export const fromHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.int(), workerPids: z.array(z.int()).readonly().default([]) }),
  z.object({
    type: z.literal('outcome'),
    id: z.int(),
    /** The batch alone, by the host's monotonic clock. */
    wallMs: z.number().min(0),
    /** Wall-clock ms (Unix epoch) when the batch ended: open-loop runs count their wall from their shared epoch. */
    endedAtMs: z.number().optional(),
    /** The host's own event loop while the batch ran (Node hosts). */
    hostLoopUtilization: z.number().min(0).max(1).optional(),
    outcome: hostOutcomeSchema,
  }),
  z.object({ type: z.literal('failed'), id: z.int().nullable(), code: z.string(), message: z.string() }),
]);

export type FromHost = z.output<typeof fromHostSchema>;
/** What a host may send, before validation (a Node host builds it typed). */
export type FromHostInput = z.input<typeof fromHostSchema>;
