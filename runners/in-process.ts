import { ClientCache } from './client-cache.ts';
import { LimiterCache } from './limiter-cache.ts';
import { runShare } from './run-share.ts';
import type { Runner } from './types.ts';

/** A runner whose requests all run on the main event loop; the models differ only in how many are in flight. */
export function createInProcessRunner(inFlightAt: (concurrency: number) => number): Runner {
  const clients = new ClientCache();
  const limiters = new LimiterCache();
  return {
    async start() {},
    runBatch(batch) {
      const { setup, ...plan } = batch;
      return runShare(clients, { setup, plan: { ...plan, concurrency: inFlightAt(batch.concurrency) } }, { limiters });
    },
    workerPids: () => [],
    stop: () => clients.closeAll(),
  };
}
