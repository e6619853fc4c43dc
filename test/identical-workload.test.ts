import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopAllChildren } from '../common/child-processes.ts';
import { startMockServerProcess, type MockServerProcess } from '../mock-server/process.ts';
import { serverProfileSchema } from '../mock-server/profile.ts';
import type { RecordedRequest } from '../mock-server/request-record.ts';
import { startModelHost } from '../runners/host/model-host.ts';
import { findPythonInterpreter } from '../runners/python/interpreter.ts';
import { runnerIds, runnerDescriptor } from '../runners/registry.ts';
import type { RunnerId } from '../runners/types.ts';
import { testBatch } from './support/test-batch.ts';

const REQUESTS = 60;
const IN_FLIGHT = 6;
// Heavy-tailed latency and faults with retries: if any model met a different slice of the server's randomness,
// the sequences below would differ.
const PROFILE = {
  latencyMs: 4,
  latencyDistribution: 'lognormal',
  latencySpreadMs: 6,
  latencyMaxMs: 40,
  errorRate: 0.1,
  recordRequests: true,
  seed: 11,
} as const;

/** The server's own record of one batch, keyed by identity: what it drew for every attempt it answered. */
function sequence(records: readonly RecordedRequest[]): Map<string, string> {
  const drawn = new Map<string, string>();
  for (const record of records) {
    if (!record.identity) continue;
    const { iteration, index, attempt } = record.identity;
    drawn.set(`${iteration}.${index}.${attempt}`, `${record.latencyMs.toFixed(6)} ${record.fault ?? 'ok'} ${record.status}`);
  }
  return drawn;
}

async function serverRecordOf(server: MockServerProcess, id: RunnerId, iteration: number): Promise<Map<string, string>> {
  const descriptor = runnerDescriptor(id);
  const search = await findPythonInterpreter();
  const host = await startModelHost(descriptor, 2, search.found ? { python: search.interpreter } : {});
  try {
    await server.resetStats();
    const batch = testBatch(server.url, REQUESTS, descriptor.inFlight === 'one' ? 1 : IN_FLIGHT, undefined, undefined, iteration);
    const retrying = {
      ...batch,
      setup: { ...batch.setup, client: { ...batch.setup.client, retry: { ...batch.setup.client.retry, maxRetries: 2 } } },
    };
    await host.runBatch(retrying);
    return sequence((await server.requests()).requests);
  } finally {
    await host.stop();
  }
}

after(() => stopAllChildren());

describe('every model meets the identical workload (common random numbers)', () => {
  test('at the same iteration every model, each in its own model host, sees the same latency and fault for every request and retry, in two server processes', async () => {
    const first = await startMockServerProcess(serverProfileSchema.parse(PROFILE));
    const second = await startMockServerProcess(serverProfileSchema.parse(PROFILE));
    try {
      const reference = await serverRecordOf(first, 'promise-concurrent', 3);
      assert.ok(reference.size > REQUESTS, `retries were drawn too (${reference.size} attempts for ${REQUESTS} requests)`);
      // Every registered model, Node's and the articles' Python ones alike (CI installs Debian's python3 packages).
      for (const id of runnerIds()) {
        assert.deepEqual(await serverRecordOf(first, id, 3), reference, `${id} met the same sequence`);
      }
      assert.deepEqual(await serverRecordOf(second, 'child-process', 3), reference, 'a second server with the same seed draws the same');
      assert.notDeepEqual(await serverRecordOf(first, 'promise-concurrent', 4), reference, 'another iteration meets other draws');
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
