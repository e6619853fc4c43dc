import { createHttpClient, type HttpClient } from './http-client.ts';
import { needsBody } from './work.ts';
import type { WorkerSetup } from './worker-messages.ts';

/** Clients per setup and in-flight count, created on first use and reused across batches (and warm-ups). */
export class ClientCache {
  readonly #clients = new Map<string, HttpClient>();

  get(setup: WorkerSetup, inFlight: number): HttpClient {
    const key = `${inFlight}|${setup.key}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = createHttpClient({
        origin: setup.origin,
        config: setup.client,
        inFlight,
        readBody: needsBody(setup.work.cpuWork),
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
