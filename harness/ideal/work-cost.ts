import { performance } from 'node:perf_hooks';
import jStat from 'jstat';
import { createHttpClient, type ClientConfig } from '../../runners/http-client.ts';
import { doWork, type CpuWork, type BusyRate, prepareWork } from '../../runners/work.ts';

const WARMUP_ROUNDS = 10;
const TIMED_ROUNDS = 30;

/** @public Exported so the work it sums is observable and never optimised away. */
export let costSink = 0;

/**
 * CPU milliseconds of the scenario's work on one response, on this host: `busy` is what it asks for (the
 * calibration makes it so); json and html parsing are timed here, in the main process, on one body the
 * server sends (median of a few rounds after warming the parser up).
 */
export async function workCostMs(
  work: CpuWork,
  busyRate: BusyRate,
  server: { readonly origin: string; readonly path: string; readonly client: ClientConfig },
): Promise<number> {
  if (work.kind === 'none') return 0;
  if (work.kind === 'busy') return work.ms;
  const client = createHttpClient({
    origin: server.origin,
    config: { ...server.client, retry: { ...server.client.retry, maxRetries: 0 } },
    inFlight: 1,
    readBody: true,
  });
  let body: string | undefined;
  try {
    const response = await client.get(`${server.path}${server.path.includes('?') ? '&' : '?'}latency=0&fault=none`);
    body = response.errorKind === undefined ? response.body : undefined;
  } finally {
    await client.close();
  }
  if (body === undefined) return 0;
  await prepareWork(work);
  const times: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + TIMED_ROUNDS; round += 1) {
    const begin = performance.now();
    costSink ^= doWork(work, body, busyRate);
    if (round >= WARMUP_ROUNDS) times.push(performance.now() - begin);
  }
  return jStat.median(times);
}
