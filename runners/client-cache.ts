import { createHttpClient, type HttpClient } from './http-client.ts';
import { needsBody } from './work.ts';
import type { WorkerSetup } from './worker-messages.ts';

/** A worker keeps one client per setup and in-flight count, created on first use and reused across batches. */
const clients = new Map<string, HttpClient>();

export function clientFor(setup: WorkerSetup, inFlight: number): HttpClient {
  const key = `${inFlight}|${JSON.stringify(setup)}`;
  let client = clients.get(key);
  if (!client) {
    client = createHttpClient({ origin: setup.origin, config: setup.client, inFlight, readBody: needsBody(setup.work.cpuWork) });
    clients.set(key, client);
  }
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all([...clients.values()].map((client) => client.close()));
  clients.clear();
}
