import { performance } from 'node:perf_hooks';
import jStat from 'jstat';
import type { HostFigures } from '../../results/types.ts';
import { createHttpClient, type ClientConfig } from '../../runners/http-client.ts';

export type { HostFigures } from '../../results/types.ts';

export interface ProbeOptions {
  readonly origin: string;
  readonly path: string;
  readonly client: ClientConfig;
  /** The scenario's mean latency: the probe asks for it, so timers and sockets behave as in the batches. */
  readonly latencyMs: number;
}

const FLOOR_REQUESTS = 20;
const FLOOR_WARMUP = 3;
// Keep the probe short on slow scenarios: at most about two seconds of latency, at least 10 samples.
const FLOOR_BUDGET_MS = 2000;
const MIN_FLOOR_REQUESTS = 10;
const LARGE_BODY_BYTES = 4 * 1024 * 1024;
const LARGE_BODIES = 5;

function withQuery(path: string, query: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/**
 * A short sequential probe without identities (so it takes nothing from the batches' sequences):
 * floor = median(client latency - server queue - server serve), then a few 4 MiB bodies at 0 ms whose
 * time beyond the floor and the server's own is the body's: bandwidth = bytes / that. Answers that are
 * not 200 (a rate limit) or carry no Server-Timing are left out; with none left the floor is 0.
 */
export async function probeHost(options: ProbeOptions): Promise<HostFigures> {
  const client = createHttpClient({
    origin: options.origin,
    config: { ...options.client, retry: { ...options.client.retry, maxRetries: 0 } },
    inFlight: 1,
    readBody: false,
  });
  try {
    const overheads = async (path: string, count: number, warmup: number): Promise<number[]> => {
      const values: number[] = [];
      for (let i = 0; i < warmup + count; i += 1) {
        const begin = performance.now();
        const response = await client.get(path);
        const took = performance.now() - begin;
        const { serverQueueMs, serverServeMs } = response;
        if (i >= warmup && response.status === 200 && !Number.isNaN(serverQueueMs)) {
          values.push(Math.max(0, took - serverQueueMs - serverServeMs));
        }
      }
      return values;
    };
    const latency = Math.max(0, options.latencyMs);
    const count = Math.max(MIN_FLOOR_REQUESTS, Math.min(FLOOR_REQUESTS, Math.floor(FLOOR_BUDGET_MS / Math.max(1, latency))));
    const floors = await overheads(withQuery(options.path, `latency=${latency}&fault=none`), count, FLOOR_WARMUP);
    const roundTripFloorMs = floors.length > 0 ? jStat.median(floors) : 0;
    const large = await overheads(withQuery(options.path, `size=${LARGE_BODY_BYTES}&latency=0&fault=none`), LARGE_BODIES, 1);
    const bodyMs = large.length > 0 ? jStat.median(large) - roundTripFloorMs : 0;
    return { roundTripFloorMs, bytesPerMs: bodyMs > 0 ? LARGE_BODY_BYTES / bodyMs : undefined };
  } finally {
    await client.close();
  }
}
