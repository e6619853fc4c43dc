import { performance } from 'node:perf_hooks';
import jStat from 'jstat';
import type { HostFigures } from '../../results/types.ts';
import { createHttpClient, type ClientConfig } from '../../runners/http-client.ts';

export type { HostFigures } from '../../results/types.ts';

export interface ProbeOptions {
  readonly origin: string;
  readonly path: string;
  readonly client: ClientConfig;
  /** The scenario's body size: its own bodies are what the bandwidth is measured on. */
  readonly bodyBytes: number;
}

// Enough answers at 0 ms and a 16-byte body that a low quantile of them is stable (a fraction of a second).
const FLOOR_REQUESTS = 60;
const FLOOR_WARMUP = 5;
const FLOOR_BODY_BYTES = 16;
// The floor and the body's time are both taken at this quantile: the fast side, so the ideal is never slow.
const LOW_QUANTILE = 0.1;
// The scenario's own bodies at 0 ms, for what a body costs on top of the floor; below this size that is lost in noise.
// A fresh server and client take 6-8 ms per MiB for their first ~32 bodies and 1-2 ms once warm (measured: three
// fresh pairs, 40 bodies of 1 MiB each), so the bodies timed come after 40 untimed ones.
const BODY_SAMPLES = 16;
const BODY_WARMUP = 40;
const MEASURED_BODY_BYTES = 64 * 1024;

function withQuery(path: string, query: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/**
 * A short sequential probe without identities (so it takes nothing from the batches' sequences). The floor is what
 * one exchange costs beyond the server's own time (client latency - Server-Timing queue - serve), measured on the
 * smallest body at 0 ms and taken as the 10th percentile of 60 answers: a body in it would be charged twice (the
 * replay charges every body by the bandwidth), and a median of 20 moved with every disturbance. Bandwidth comes
 * apart from it, from the scenario's own bodies at 0 ms (the server then builds and sends exactly what the batches
 * get): their time beyond that floor and the server's own is the body's; bodies under 64 KiB are free. A low floor is
 * the safe side: the ideal may be a little fast, never slower than the host allows. The bodies are timed warm and
 * taken at the same low quantile: a median of eight cold ones made a 1 MiB body cost 6-7 ms where warm batches paid
 * 2-3, and sequential large-payload beat its ideal by 15-36%. Answers that are not 200 (a rate limit) or carry no
 * Server-Timing are left out; with none left the floor is 0.
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
    const floors = await overheads(withQuery(options.path, `size=${FLOOR_BODY_BYTES}&latency=0&fault=none`), FLOOR_REQUESTS, FLOOR_WARMUP);
    const roundTripFloorMs = floors.length > 0 ? jStat.percentile(floors, LOW_QUANTILE) : 0;
    if (options.bodyBytes < MEASURED_BODY_BYTES) return { roundTripFloorMs, bytesPerMs: undefined };
    const bodies = await overheads(withQuery(options.path, 'latency=0&fault=none'), BODY_SAMPLES, BODY_WARMUP);
    const bodyMs = bodies.length > 0 ? jStat.percentile(bodies, LOW_QUANTILE) - roundTripFloorMs : 0;
    return { roundTripFloorMs, bytesPerMs: bodyMs > 0 ? options.bodyBytes / bodyMs : undefined };
  } finally {
    await client.close();
  }
}
