import { createHttpClient, type HttpClient } from './http-client.ts';
import type { WorkerSetup } from './worker-messages.ts';

/** A worker keeps one client per origin and connection count, created on first use and reused across batches. */
const clients = new Map<string, HttpClient>();

export function clientFor(setup: WorkerSetup, connections: number): HttpClient {
  const key = `${setup.origin}|${connections}|${JSON.stringify(setup.client)}`;
  let client = clients.get(key);
  if (!client) {
    client = createHttpClient(setup.origin, setup.client, connections);
    clients.set(key, client);
  }
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all([...clients.values()].map((client) => client.close()));
  clients.clear();
}
