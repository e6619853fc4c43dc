import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Agent, request } from 'undici';
import {
  formatRequestIdentity,
  parseRequestIdentity,
  REQUEST_IDENTITY_HEADER,
  streamOf,
  type RequestIdentity,
} from '../common/request-identity.ts';
import { Behaviour } from '../mock-server/behaviour.ts';
import { startMockServerProcess, type MockServerProcess } from '../mock-server/process.ts';
import { serverProfileSchema, type ServerProfileInput } from '../mock-server/profile.ts';
import type { RecordedRequest } from '../mock-server/request-record.ts';
import { useMockServer } from './support/mock-server.ts';

const STREAM = streamOf('identity-test');
const TAIL: ServerProfileInput = {
  latencyMs: 4,
  latencyDistribution: 'lognormal',
  latencySpreadMs: 4,
  errorRate: 0.2,
  resetRate: 0.1,
  seed: 7,
  recordRequests: true,
};

function identities(count: number, iteration = 0): RequestIdentity[] {
  return Array.from({ length: count }, (_, index) => ({ stream: STREAM, iteration, index, attempt: index % 3 === 0 ? 1 : 0 }));
}

/** Sends one request; a reset (a fault) is an expected outcome, not a failure. */
async function send(url: string, identity: RequestIdentity | undefined, dispatcher?: Agent): Promise<void> {
  const headers = identity ? { [REQUEST_IDENTITY_HEADER]: formatRequestIdentity(identity) } : {};
  try {
    const response = await request(`${url}/`, { headers, ...(dispatcher ? { dispatcher } : {}) });
    await response.body.dump();
  } catch {}
}

async function sendAll(url: string, ids: readonly RequestIdentity[], concurrency: number): Promise<void> {
  const agent = new Agent({ connections: concurrency });
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let at = next++; at < ids.length; at = next++) await send(url, ids[at], agent);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  await agent.close();
}

/** identity -> what the server drew, from its own record. */
async function drawn(server: MockServerProcess): Promise<Map<string, { latencyMs: number; fault: string | null }>> {
  const { requests } = await server.requests();
  const byIdentity = new Map<string, { latencyMs: number; fault: string | null }>();
  for (const { identity, latencyMs, fault } of requests) {
    assert.ok(identity, 'every request carried an identity');
    byIdentity.set(formatRequestIdentity(identity), { latencyMs, fault });
  }
  return byIdentity;
}

async function recorded(server: MockServerProcess): Promise<readonly RecordedRequest[]> {
  return (await server.requests()).requests;
}

describe('request identity header', () => {
  test('round-trips and rejects anything but four integers in [0, 2^32)', () => {
    const id = { stream: 4_294_967_295, iteration: 3, index: 1_000_000, attempt: 2 };
    assert.equal(formatRequestIdentity(id), '4294967295.3.1000000.2');
    assert.deepEqual(parseRequestIdentity(formatRequestIdentity(id)), id);
    for (const bad of [undefined, '', '1.2.3', '1.2.3.4.5', '1..3.4', '-1.2.3.4', '1.2.3.x', ' 1.2.3.4', '4294967296.0.0.0', '1.2.3.']) {
      assert.equal(parseRequestIdentity(bad), undefined, `${String(bad)} should be rejected`);
    }
  });

  test('the stream is the 32-bit FNV-1a hash of the scenario id', () => {
    assert.equal(streamOf(''), 0x811c9dc5);
    assert.equal(streamOf('a'), 0xe40c292c);
    assert.notEqual(streamOf('io-bound'), streamOf('cpu-bound'));
  });
});

describe('decisions keyed by identity (common random numbers)', () => {
  const server = useMockServer(TAIL);

  test('the same identities in another order and at another concurrency get the same latency and fault', async () => {
    const ids = identities(80);
    await server().resetStats();
    await sendAll(server().url, ids, 1);
    const inOrder = await drawn(server());
    await server().resetStats();
    await sendAll(server().url, [...ids].reverse(), 16);
    const reversed = await drawn(server());
    assert.equal(inOrder.size, ids.length);
    assert.deepEqual(reversed, inOrder);
    const faults = [...inOrder.values()].filter((d) => d.fault !== null).length;
    assert.ok(faults > 0 && faults < ids.length, `faults drawn: ${faults} of ${ids.length}`);
    assert.ok(new Set([...inOrder.values()].map((d) => d.latencyMs)).size > ids.length / 2, 'latencies vary');
  });

  test('Behaviour.decideFor says exactly what the server did, for the replay', async () => {
    const behaviour = new Behaviour(serverProfileSchema.parse(TAIL));
    for (const [key, seen] of await drawn(server())) {
      const decision = behaviour.decideFor(parseRequestIdentity(key) as RequestIdentity);
      assert.deepEqual({ latencyMs: decision.latencyMs, fault: decision.fault ?? null }, seen, key);
    }
  });

  test('two server processes with one seed agree; another seed gives another sequence', async () => {
    const ids = identities(40, 2);
    const second = await startMockServerProcess(serverProfileSchema.parse(TAIL));
    const reseeded = await startMockServerProcess(serverProfileSchema.parse({ ...TAIL, seed: 8 }));
    try {
      await server().resetStats();
      await Promise.all([sendAll(server().url, ids, 4), sendAll(second.url, ids, 8), sendAll(reseeded.url, ids, 4)]);
      const first = await drawn(server());
      assert.deepEqual(await drawn(second), first);
      assert.notDeepEqual(await drawn(reseeded), first);
    } finally {
      await Promise.all([second.stop(), reseeded.stop()]);
    }
  });

  test('a fault rate does not shift latencies: they come from a separate derivation', () => {
    const id = identities(50);
    const withFaults = new Behaviour(serverProfileSchema.parse(TAIL));
    const without = new Behaviour(serverProfileSchema.parse({ ...TAIL, errorRate: 0, resetRate: 0 }));
    assert.deepEqual(
      id.map((i) => withFaults.decideFor(i).latencyMs),
      id.map((i) => without.decideFor(i).latencyMs),
    );
  });

  test('without the header the server still draws from its seeded stream, in arrival order', async () => {
    await server().resetStats();
    for (let n = 0; n < 20; n += 1) await send(server().url, undefined);
    const requests = await recorded(server());
    assert.equal(requests.length, 20);
    assert.ok(requests.every((r) => r.identity === undefined));
    // A fresh server starts its stream where the model does.
    const fresh = await startMockServerProcess(serverProfileSchema.parse(TAIL));
    try {
      for (let n = 0; n < 20; n += 1) await send(fresh.url, undefined);
      const behaviour = new Behaviour(serverProfileSchema.parse(TAIL));
      const expected = Array.from({ length: 20 }, () => behaviour.decide({ path: '/', query: new URLSearchParams() }).latencyMs);
      assert.deepEqual(
        (await recorded(fresh)).map((r) => r.latencyMs),
        expected,
      );
    } finally {
      await fresh.stop();
    }
  });

  test('/__reset clears the record', async () => {
    await send(server().url, identities(1)[0]);
    await server().resetStats();
    assert.deepEqual(await server().requests(), { recording: true, dropped: 0, requests: [] });
  });
});
