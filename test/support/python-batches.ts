import { after, before } from 'node:test';
import { formatRequestIdentity } from '../../common/request-identity.ts';
import { startMockServerProcess, type MockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema, type ServerProfileInput } from '../../mock-server/profile.ts';
import type { RecordedRequest } from '../../mock-server/request-record.ts';
import type { PythonInterpreter } from '../../runners/python/interpreter.ts';
import type { Batch } from '../../runners/types.ts';
import { PythonHost, type Outcome } from './python-host.ts';

/** The same batch with `maxRetries` retries after short jittered waits. */
export function withRetries(batch: Batch, maxRetries: number): Batch {
  const client = batch.setup.client;
  return {
    ...batch,
    setup: { ...batch.setup, client: { ...client, retry: { ...client.retry, maxRetries, baseDelayMs: 2, maxDelayMs: 20 } } },
  };
}

/** The same batch with headers and body timeouts of `timeoutMs`. */
export function withTimeouts(batch: Batch, timeoutMs: number): Batch {
  const client = { ...batch.setup.client, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs };
  return { ...batch, setup: { ...batch.setup, client } };
}

/**
 * Starts a `runner` host, sends it `batches` in order (ids 0, 1, ...), calling `beforeLast` before the last one
 * (to reset the server's record after the warm-up), and returns every outcome; the host is stopped either way.
 */
export async function runPythonHost(
  interpreter: PythonInterpreter,
  runner: string,
  batches: readonly Batch[],
  beforeLast?: () => Promise<void>,
): Promise<Outcome[]> {
  const host = new PythonHost(interpreter);
  try {
    await host.start(runner);
    const outcomes: Outcome[] = [];
    for (const [id, batch] of batches.entries()) {
      if (id === batches.length - 1) await beforeLast?.();
      outcomes.push(await host.batch(id, batch));
    }
    return outcomes;
  } finally {
    await host.stop();
  }
}

/** A real mock server process for the enclosing suite (validated profile), ended afterwards. */
export function usePythonTestServer(profile: ServerProfileInput): () => MockServerProcess {
  let server: MockServerProcess | undefined;
  before(async () => {
    server = await startMockServerProcess(serverProfileSchema.parse(profile));
  });
  after(() => server?.stop());
  return () => {
    if (!server) throw new Error('mock server not started');
    return server;
  };
}

/** The identities the server answered since its last reset, sorted (`none` for a request without one). */
export async function answeredIdentities(server: MockServerProcess): Promise<string[]> {
  const record = await server.requests();
  if (record.dropped > 0) throw new Error(`the server's record dropped ${record.dropped} requests`);
  return record.requests.map((request) => (request.identity ? formatRequestIdentity(request.identity) : 'none')).sort();
}

/** The server's record keyed by identity (iteration.index.attempt): what it drew and answered for every try. */
export function drawnByIdentity(records: readonly RecordedRequest[]): Map<string, string> {
  const byIdentity = new Map<string, string>();
  for (const record of records) {
    if (!record.identity) continue;
    const { iteration, index, attempt } = record.identity;
    byIdentity.set(`${iteration}.${index}.${attempt}`, `${record.latencyMs.toFixed(6)} ${record.fault ?? 'ok'} ${record.status}`);
  }
  return byIdentity;
}

/** Polls the server until it has answered a few requests of the batch just sent (so a signal lands mid-batch). */
export async function untilServerAnswered(server: MockServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await server.stats()).served < 20) {
    if (Date.now() > deadline) throw new Error('the host sent no requests');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
