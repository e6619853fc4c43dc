import { createHttpClient, type HttpClient } from './http-client.ts';
import { needsBody } from './work.ts';
import type { BatchSetup } from './worker-messages.ts';

/**
 * The client of the current setup and in-flight count, created on first use and reused across the batches (and
 * warm-ups) of a level. Levels run one after another, so when another key is asked for, the previous clients are
 * closed: an idle Agent with its keep-alive sockets per level would otherwise stay in every later level's memory.
 */
export class ClientCache {
  readonly #clients = new Map<string, HttpClient>();

  get(setup: BatchSetup, inFlight: number): HttpClient {
    const key = `${inFlight}|${setup.key}`;
    let client = this.#clients.get(key);
    if (!client) {
      for (const idle of this.#clients.values()) void idle.close().catch(() => undefined);
      this.#clients.clear();
      client = createHttpClient({
        origin: setup.origin,
        config: setup.client,
        inFlight,
        readBody: needsBody(setup.work.cpuWork),
        identityHeader: setup.identityHeader,
        ...(setup.request === undefined ? {} : { request: setup.request }),
        ...(setup.rateCap === undefined ? {} : { rateCap: setup.rateCap }),
      });
      this.#clients.set(key, client);
    }
    return client;
  }

  async closeAll(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map((client) => client.close()));
  }
}
