import { performance } from 'node:perf_hooks';
import { createLatencyHistogram, latencyPercentilesMs, recordLatencyMs } from '../../common/histogram.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { createHttpClient, type HttpClient } from '../../runners/http-client.ts';
import type { TargetRun } from '../target/types.ts';

/** What the sequential samples saw. */
export interface SequentialSample {
  /** Latencies (ms) of the successful responses, in order. */
  readonly latenciesMs: readonly number[];
  readonly requests: number;
  readonly rateLimited: number;
  /** Failures other than 429: 5xx, resets, timeouts. */
  readonly errors: number;
  readonly meanBodyBytes: number;
}

/** One closed-loop level: `inFlight` lanes for a fixed time. Latency and throughput count successful responses only. */
export interface LevelSample {
  readonly inFlight: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly errors: number;
  /** Successful responses per second. */
  readonly throughput: number;
  /** All responses per second, 429s included. */
  readonly achievedRate: number;
  readonly meanLatencyMs: number;
  readonly p50: number;
}

/** Requests calibrate may still send (a remote target's --max-requests); shared by every phase. */
export class RequestBudget {
  #left: number;
  constructor(total: number) {
    this.#left = total;
  }
  take(): boolean {
    if (this.#left <= 0) return false;
    this.#left -= 1;
    return true;
  }
  get exhausted(): boolean {
    return this.#left <= 0;
  }
}

function clientFor(target: TargetRun, inFlight: number): HttpClient {
  return createHttpClient({
    origin: target.origin,
    config: defaultClientConfig,
    inFlight,
    readBody: false,
    request: target.request,
    ...(target.caps === undefined ? {} : { rateCap: { perSecond: target.caps.maxRatePerSecond } }),
  });
}

/** `samples` requests one after another: the service's latency without any queueing of ours. */
export async function sampleSequential(target: TargetRun, samples: number, budget: RequestBudget): Promise<SequentialSample> {
  const client = clientFor(target, 1);
  const latenciesMs: number[] = [];
  let requests = 0;
  let rateLimited = 0;
  let errors = 0;
  let bytes = 0;
  try {
    for (let i = 0; i < samples && budget.take(); i += 1) {
      const begin = performance.now();
      const response = await client.get(target.path);
      const ms = performance.now() - begin;
      requests += 1;
      if (response.status === 429) rateLimited += 1;
      else if (response.errorKind !== undefined) errors += 1;
      else {
        latenciesMs.push(ms);
        bytes += response.bytes;
      }
    }
  } finally {
    await client.close();
  }
  return { latenciesMs, requests, rateLimited, errors, meanBodyBytes: latenciesMs.length > 0 ? bytes / latenciesMs.length : 0 };
}

/** `inFlight` lanes, each sending its next request as soon as the previous one answers, for `durationMs`. */
export async function sampleLevel(target: TargetRun, inFlight: number, durationMs: number, budget: RequestBudget): Promise<LevelSample> {
  const client = clientFor(target, inFlight);
  const histogram = createLatencyHistogram();
  let requests = 0;
  let rateLimited = 0;
  let errors = 0;
  let successes = 0;
  const start = performance.now();
  const end = start + durationMs;
  const lane = async (): Promise<void> => {
    while (performance.now() < end && budget.take()) {
      const begin = performance.now();
      const response = await client.get(target.path);
      const ms = performance.now() - begin;
      requests += 1;
      if (response.status === 429) rateLimited += 1;
      else if (response.errorKind !== undefined) errors += 1;
      else {
        successes += 1;
        recordLatencyMs(histogram, ms);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, lane));
  } finally {
    await client.close();
  }
  const seconds = Math.max(1e-3, (performance.now() - start) / 1000);
  const percentiles = latencyPercentilesMs(histogram);
  return {
    inFlight,
    requests,
    rateLimited,
    errors,
    throughput: successes / seconds,
    achievedRate: requests / seconds,
    meanLatencyMs: successes > 0 ? percentiles.mean : 0,
    p50: successes > 0 ? percentiles.p50 : 0,
  };
}
