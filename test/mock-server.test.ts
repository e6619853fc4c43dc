import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { Behaviour } from '../mock-server/behaviour.ts';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { useMockServer } from './support/mock-server.ts';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

describe('mock server process', () => {
  const server = useMockServer({ latencyMs: 30, bodyBytes: 1000 });

  test('answers no sooner than the configured latency, with a JSON body of the configured size', async () => {
    for (let i = 0; i < 5; i += 1) {
      const begin = performance.now();
      const response = await request(`${server().url}/`);
      const body = await response.body.text();
      const elapsed = performance.now() - begin;
      assert.equal(response.statusCode, 200);
      assert.equal(Buffer.byteLength(body), 1000);
      assert.doesNotThrow(() => JSON.parse(body));
      assert.ok(elapsed >= 30, `request took ${elapsed.toFixed(2)} ms, less than the 30 ms latency`);
    }
  });

  test('counts requests in flight and resets its stats', async () => {
    await server().resetStats();
    // Stalled requests stay in flight until their clients leave: seven at once, however slowly they arrive.
    const agent = new Agent({ connections: 7 });
    const held = new AbortController();
    try {
      const stalls = Array.from({ length: 7 }, () =>
        request(`${server().url}/?fault=stall`, { dispatcher: agent, signal: held.signal }).catch(() => undefined),
      );
      await until('seven requests in flight', async () => (await server().stats()).inFlight === 7);
      held.abort();
      await Promise.all(stalls);
      await until('the seven ended', async () => (await server().stats()).inFlight === 0);
    } finally {
      await agent.destroy();
    }
    const held7 = await server().stats();
    assert.equal(held7.maxInFlight, 7);
    assert.equal(held7.aborted, 7);
    assert.equal(held7.served, 0, 'a stall is no answer');
    await server().resetStats();
    await Promise.all(Array.from({ length: 7 }, () => request(`${server().url}/`).then((r) => r.body.dump())));
    const stats = await server().stats();
    assert.equal(stats.served, 7);
    assert.ok(stats.maxInFlight >= 1 && stats.maxInFlight <= 7, `max in flight ${stats.maxInFlight}`);
    assert.equal(stats.inFlight, 0);
    assert.deepEqual(stats.byStatus, { '200': 7 });
    await server().resetStats();
    assert.equal((await server().stats()).served, 0);
  });

  test('query overrides make it scriptable with curl alone', async () => {
    const response = await request(`${server().url}/?latency=0&size=64&status=503`);
    assert.equal(response.statusCode, 503);
    assert.equal((await response.body.arrayBuffer()).byteLength, 64);
  });
});

describe('behaviour model', () => {
  test('the same seed gives the same jitter sequence', () => {
    const profile = serverProfileSchema.parse({ latencyMs: 10, jitterMs: 5, seed: 42 });
    const sequence = (): number[] => {
      const behaviour = new Behaviour(profile);
      return Array.from({ length: 20 }, () => behaviour.decide({ path: '/', query: new URLSearchParams() }).latencyMs);
    };
    const first = sequence();
    assert.deepEqual(sequence(), first);
    assert.ok(first.every((ms) => ms >= 10 && ms < 15));
    assert.ok(new Set(first).size > 1, 'jitter should vary');
  });
});
