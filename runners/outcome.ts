import type { ErrorKind } from './error-kind.ts';
import type { ResponseRecord } from './http-client.ts';
import { concatLatencies, LatencyRecorder } from './latency-recorder.ts';
import { mergeOpenParts, type OpenLoopPart } from './open-loop/outcome-part.ts';

/** CPU and memory a worker process reports about itself (threads share the main process's figures). */
export interface ProcessUsage {
  readonly pid: number;
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  readonly maxRssBytes: number;
}

/**
 * Where each request's time went, summed over requests (divide by `requests` for means):
 * waiting for a concurrency slot, waiting for server capacity, being served, the rest of the exchange
 * (network, client, waiting for a connection), retry backoff, and the CPU work on the response.
 */
export interface TimeSplit {
  readonly slotWaitMs: number;
  readonly serverQueueMs: number;
  readonly serverServeMs: number;
  readonly restMs: number;
  readonly backoffMs: number;
  readonly workMs: number;
}

const ZERO_SPLIT: TimeSplit = { slotWaitMs: 0, serverQueueMs: 0, serverServeMs: 0, restMs: 0, backoffMs: 0, workMs: 0 };

interface OutcomeCounts {
  readonly requests: number;
  readonly ok: number;
  readonly bytes: number;
  /** Tries after the first, over all requests. */
  readonly retries: number;
  /** Final outcome of each request that failed, by kind (after retries). */
  readonly errorsByKind: Readonly<Partial<Record<ErrorKind, number>>>;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly split: TimeSplit;
  /** Event-loop utilisation of each loop that ran requests (one per worker thread or child; in-process: the main loop). */
  readonly loopUtilization: readonly number[];
  /** Requests each of those loops made, in the same order: how the pulled indices spread over the workers. */
  readonly requestsByLoop: readonly number[];
  /**
   * An adaptive limiter's limit during this batch, flat [atMs, limit, ...] with ms from the batch's start
   * (runners/limit-trace-wire.ts); for a pool, the workers' limits summed. Absent for fixed limiters, and dropped
   * by mergeOutcomes (a sum over batches would mean nothing).
   */
  readonly limitTrace?: readonly number[] | undefined;
}

/**
 * What one batch (or one worker's share of it) produced: counts plus each request's latency in microseconds. It
 * crosses thread and process boundaries as it is (typed arrays survive structured cloning).
 */
export interface BatchOutcome extends OutcomeCounts {
  readonly latenciesUs: Uint32Array;
  /** CPU and memory of the processes that did the work, each as it read itself. */
  readonly processes: readonly ProcessUsage[];
  /** Open loop only: `latenciesUs` then run from each request's intended start, this holds the rest. */
  readonly open?: OpenLoopPart | undefined;
}

export class OutcomeRecorder {
  readonly #latency: LatencyRecorder;
  #requests = 0;
  #ok = 0;
  #bytes = 0;
  #retries = 0;
  readonly #errorsByKind: Partial<Record<ErrorKind, number>> = {};
  readonly #statusCounts: Record<string, number> = {};
  readonly #split = { ...ZERO_SPLIT };

  /** `latency`: an empty recorder to record into (a worker reuses one); by default a new one. */
  constructor(latency: LatencyRecorder = new LatencyRecorder()) {
    this.#latency = latency;
  }

  /** `latencyMs` spans first try to final answer, backoff included; work is timed apart. */
  record(latencyMs: number, response: ResponseRecord, slotWaitMs: number, workMs: number): void {
    this.#latency.record(latencyMs);
    this.#requests += 1;
    this.#bytes += response.bytes;
    this.#retries += response.attempts - 1;
    // A number key: no string is made per request (JSON still writes it as "200").
    const status = response.status;
    this.#statusCounts[status] = (this.#statusCounts[status] ?? 0) + 1;
    if (response.errorKind === undefined) this.#ok += 1;
    else this.#errorsByKind[response.errorKind] = (this.#errorsByKind[response.errorKind] ?? 0) + 1;
    const split = this.#split;
    split.slotWaitMs += slotWaitMs;
    split.backoffMs += response.backoffMs;
    split.workMs += workMs;
    // Without Server-Timing (NaN) the whole exchange is the rest.
    const timed = !Number.isNaN(response.serverQueueMs);
    if (timed) {
      split.serverQueueMs += response.serverQueueMs;
      split.serverServeMs += response.serverServeMs;
    }
    split.restMs += Math.max(0, latencyMs - response.backoffMs - (timed ? response.serverQueueMs + response.serverServeMs : 0));
  }

  finish(loopUtilization: number, processes: readonly ProcessUsage[] = []): BatchOutcome {
    return {
      requests: this.#requests,
      ok: this.#ok,
      bytes: this.#bytes,
      retries: this.#retries,
      errorsByKind: this.#errorsByKind,
      statusCounts: this.#statusCounts,
      split: { ...this.#split },
      loopUtilization: [loopUtilization],
      requestsByLoop: [this.#requests],
      latenciesUs: this.#latency.values(),
      processes,
    };
  }
}

/** Several workers' shares of one batch (or several batches) make one outcome. */
export function mergeOutcomes(parts: readonly BatchOutcome[]): BatchOutcome {
  const errorsByKind: Partial<Record<ErrorKind, number>> = {};
  const statusCounts: Record<string, number> = {};
  const split: Record<keyof TimeSplit, number> = { ...ZERO_SPLIT };
  let requests = 0;
  let ok = 0;
  let bytes = 0;
  let retries = 0;
  for (const part of parts) {
    requests += part.requests;
    ok += part.ok;
    bytes += part.bytes;
    retries += part.retries;
    addCounts(errorsByKind, part.errorsByKind);
    addCounts(statusCounts, part.statusCounts);
    addCounts(split, part.split);
  }
  return {
    requests,
    ok,
    bytes,
    retries,
    errorsByKind,
    statusCounts,
    split,
    loopUtilization: parts.flatMap((p) => p.loopUtilization),
    requestsByLoop: parts.flatMap((p) => p.requestsByLoop),
    latenciesUs: concatLatencies(parts.map((p) => p.latenciesUs)),
    processes: parts.flatMap((p) => p.processes),
    ...openField(parts),
  };
}

function openField(parts: readonly BatchOutcome[]): { open?: OpenLoopPart } {
  const open = mergeOpenParts(parts.flatMap((part) => (part.open === undefined ? [] : [part.open])));
  return open === undefined ? {} : { open };
}

export function addCounts<K extends string>(into: Partial<Record<K, number>>, from: Readonly<Partial<Record<K, number>>>): void {
  for (const [key, count] of Object.entries(from) as [K, number | undefined][]) {
    into[key] = (into[key] ?? 0) + (count ?? 0);
  }
}
