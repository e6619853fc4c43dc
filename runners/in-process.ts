import { executeBatch } from './batch.ts';
import { createHttpClient, type HttpClient } from './http-client.ts';
import type { Runner, RunnerId, RunnerOptions } from './types.ts';
import { needsBody } from './work.ts';

/** A runner whose requests all run on the main event loop; the models differ only in how many are in flight. */
export function createInProcessRunner(id: RunnerId, inFlight: number, options: RunnerOptions): Runner {
  let client: HttpClient | undefined;
  return {
    id,
    shape: `${id} 1x${inFlight}`,
    inFlight,
    workers: 1,
    async start() {
      client = createHttpClient({ origin: options.targetUrl, config: options.client, inFlight, readBody: needsBody(options.work.cpuWork) });
    },
    runBatch(requests) {
      if (!client) throw new Error(`${id} runner used before start()`);
      return executeBatch(client, { requests, concurrency: inFlight, path: options.path }, options.work);
    },
    async stop() {
      await client?.close();
      client = undefined;
    },
  };
}
