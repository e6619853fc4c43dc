import autocannon from 'autocannon';
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { parseServerTiming } from '../../runners/server-timing.ts';

export interface CannonFigures {
  /** 2xx answers per second: only those count as served, so fast error answers cannot raise a rate. */
  readonly servedPerSecond: number;
  /** Answers of any status. */
  readonly total: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
}

/** Max request rate with autocannon (a real load generator): keep-alive connections, no pipelining. */
export async function cannon(url: string, connections: number, seconds: number): Promise<CannonFigures> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  return {
    servedPerSecond: result['2xx'] / (result.duration || seconds),
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export interface LatencyFigures {
  /** Seen by the client: request sent to body read. */
  readonly client: RecordableHistogram;
  /** Server-Timing serve;dur: slot to answer, as the server measured it. */
  readonly serve: RecordableHistogram;
  /** Smallest serve;dur seen, unrounded (the histogram keeps 3 significant digits). */
  readonly serveMinMs: number;
  readonly requests: number;
}

/**
 * Closed-loop latency with exact timing (autocannon's histogram has 1 ms resolution): `connections` lanes
 * on one undici Agent, each sending its next request when the last one is read; warm-up first.
 */
export async function closedLoopLatency(url: string, connections: number, warmupMs: number, measureMs: number): Promise<LatencyFigures> {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000 });
  const client = createHistogram();
  const serve = createHistogram();
  let measuring = false;
  let stopped = false;
  let requests = 0;
  let serveMinMs = Number.POSITIVE_INFINITY;
  const lane = async (): Promise<void> => {
    while (!stopped) {
      const begin = performance.now();
      const response = await request(url, { dispatcher: agent });
      await response.body.dump();
      const elapsedUs = Math.round((performance.now() - begin) * 1000);
      if (!measuring) continue;
      requests += 1;
      client.record(Math.max(1, elapsedUs));
      const header = response.headers['server-timing'];
      const timing = parseServerTiming(typeof header === 'string' ? header : undefined);
      if (!timing) continue;
      serve.record(Math.max(1, Math.round(timing.serveMs * 1000)));
      serveMinMs = Math.min(serveMinMs, timing.serveMs);
    }
  };
  const lanes = Array.from({ length: connections }, lane);
  await sleep(warmupMs);
  measuring = true;
  await sleep(measureMs);
  measuring = false;
  stopped = true;
  await Promise.all(lanes);
  await agent.close();
  return { client, serve, serveMinMs, requests };
}

/** A histogram's percentile, recorded in microseconds, in ms. */
export function percentileMs(histogram: RecordableHistogram, percentile: number): number {
  return histogram.percentile(percentile) / 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
