import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { formatRequestIdentity, REQUEST_IDENTITY_HEADER, streamOf } from '../common/request-identity.ts';
import { parseOrThrow } from '../common/validation.ts';
import { Behaviour } from '../mock-server/behaviour.ts';
import { serverProfileSchema } from '../mock-server/profile.ts';
import type { MockServerProcess } from '../mock-server/process.ts';
import type { RecordedRequest } from '../mock-server/request-record.ts';
import type { ServerStatsSnapshot } from '../mock-server/stats.ts';
import { useMockServer } from './support/mock-server.ts';
import { runCli } from './support/run-cli.ts';

const STREAM = streamOf('phases-test');

function identityHeaders(index: number | undefined, iteration = 0): Record<string, string> {
  return index === undefined ? {} : { [REQUEST_IDENTITY_HEADER]: formatRequestIdentity({ stream: STREAM, iteration, index, attempt: 0 }) };
}

async function send(url: string, index: number | undefined): Promise<number> {
  const response = await request(`${url}/`, { headers: identityHeaders(index) });
  await response.body.dump();
  return response.statusCode;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * Sends stalled requests (held until their client leaves) with these indices, waits until the server shows
 * `inService` of them in service and the rest queued, then lets them all go: what fits at once, whatever the timing.
 */
async function holdAtOnce(
  server: MockServerProcess,
  indices: readonly number[],
  inService: number,
  iteration = 0,
): Promise<ServerStatsSnapshot> {
  const agent = new Agent({ connections: indices.length });
  const held = new AbortController();
  try {
    const stalls = indices.map((index) =>
      request(`${server.url}/?fault=stall`, { dispatcher: agent, headers: identityHeaders(index, iteration), signal: held.signal }).catch(
        () => undefined,
      ),
    );
    await until(`${inService} in service, ${indices.length - inService} queued`, async () => {
      const stats = await server.stats();
      return stats.inFlight === inService && stats.queued === indices.length - inService;
    });
    const stats = await server.stats();
    held.abort();
    await Promise.all(stalls);
    await until('the stalled requests left', async () => {
      const after = await server.stats();
      return after.inFlight === 0 && after.queued === 0;
    });
    return stats;
  } finally {
    await agent.destroy();
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, n) => from + n);
}

function byIndex(requests: readonly RecordedRequest[]): Map<number, RecordedRequest> {
  return new Map(requests.map((r) => [r.identity?.index ?? -1, r]));
}

describe('phases by request index', () => {
  const server = useMockServer({
    latencyMs: 2,
    recordRequests: true,
    phases: [
      { afterRequests: 10, latencyMs: 20 },
      { afterRequests: 20, latencyDistribution: 'uniform', latencySpreadMs: 5, errorRate: 1 },
      { afterRequests: 30, capacity: 2, errorRate: 0 },
    ],
  });

  test('each request gets its phase by its index, in any order; changes add up', async () => {
    await server().resetStats();
    // Later phases first: a request of index < n belongs to the earlier phase even when it arrives after.
    const statuses = new Map<number, number>();
    for (const index of [...range(0, 30)].reverse()) statuses.set(index, await send(server().url, index));
    const record = byIndex((await server().requests()).requests);
    for (const index of range(0, 10)) assert.deepEqual([record.get(index)?.phase, record.get(index)?.latencyMs], [0, 2], `index ${index}`);
    for (const index of range(10, 20))
      assert.deepEqual([record.get(index)?.phase, record.get(index)?.latencyMs], [1, 20], `index ${index}`);
    const uniform = range(20, 30).map((index) => record.get(index)?.latencyMs ?? Number.NaN);
    assert.ok(uniform.every((ms) => ms >= 15 && ms <= 25) && new Set(uniform).size > 1, `uniform 20 +- 5: ${uniform.join(', ')}`);
    assert.ok(range(20, 30).every((index) => statuses.get(index) === 500 && record.get(index)?.fault === 'error'));
    assert.ok(range(0, 20).every((index) => statuses.get(index) === 200));
  });

  test('a capacity change takes effect when the first request of its phase arrives', async () => {
    await server().resetStats();
    assert.equal((await holdAtOnce(server(), range(0, 8), 8)).inFlight, 8, 'no capacity before phase 3');
    await server().resetStats();
    await send(server().url, 30);
    await holdAtOnce(server(), range(31, 39), 2);
    const stats = await server().stats();
    assert.ok(stats.maxInFlight <= 2, `capacity 2 from phase 3 on, saw ${stats.maxInFlight} in flight`);
    assert.equal(stats.queueHighWater, 6);
    await server().resetStats();
    assert.equal((await holdAtOnce(server(), range(0, 8), 8)).inFlight, 8, '/__reset restores the profile capacity');
  });

  test('decideFor knows the index phases', () => {
    const behaviour = new Behaviour(serverProfileSchema.parse({ latencyMs: 2, phases: [{ afterRequests: 10, latencyMs: 20 }] }));
    const at = (index: number): number => behaviour.decideFor({ stream: STREAM, iteration: 0, index, attempt: 0 }).latencyMs;
    assert.deepEqual([at(9), at(10), at(1000)], [2, 20, 20]);
  });
});

describe('phases by arrivals and time, and pauses', () => {
  const server = useMockServer({
    latencyMs: 0,
    recordRequests: true,
    phases: [
      { afterRequests: 5, latencyMs: 3 },
      { afterMs: 150, latencyMs: 1, pauseMs: 300 },
    ],
  });

  test('without an identity, arrivals since /__reset count; afterMs counts from the first request', async () => {
    await server().resetStats();
    for (let n = 0; n < 8; n += 1) await send(server().url, undefined);
    await sleep(200);
    await send(server().url, undefined);
    const requests = (await server().requests()).requests;
    // Which of the first eight fall past 150 ms depends on the machine; by the server's own clock, each phase is right.
    const expected = requests.map((r, arrival) => (r.arrivedMs >= 150 ? [2, 1] : arrival >= 5 ? [1, 3] : [0, 0]));
    assert.deepEqual(
      requests.map((r) => [r.phase, r.latencyMs]),
      expected,
    );
    assert.ok((requests[8]?.arrivedMs ?? 0) >= 200, 'the last one came 200 ms after the first');
    assert.equal(requests[8]?.phase, 2);
  });

  test('a pause answers nothing for its length: every answer due in it goes out at its end', async () => {
    await server().resetStats();
    await send(server().url, undefined);
    await sleep(200);
    // The first request past 150 ms begins the pause; the ones sent during it are due long before its end.
    const pausing = send(server().url, undefined);
    await sleep(20);
    await Promise.all(range(0, 5).map(() => send(server().url, undefined)));
    await pausing;
    const requests = (await server().requests()).requests;
    const inPause = requests.filter((r) => r.phase === 2);
    assert.equal(inPause.length, 6);
    // The record lists answers in the order they went out; the pause began with the earliest arrival.
    // (On a slow enough machine the five may arrive after the pause: only those that arrived in it are held.)
    const beginMs = Math.min(...inPause.map((r) => r.arrivedMs));
    const held = inPause.filter((r) => r.arrivedMs < beginMs + 300);
    assert.ok(held.length >= 1, 'the request that began the pause is in it');
    for (const r of held) assert.ok(r.answeredMs >= beginMs + 300, `answered at ${r.answeredMs} ms, pause from ${beginMs} for 300 ms`);
  });
});

describe('a pause by time runs once after /__reset, whatever the batches', () => {
  const server = useMockServer({ latencyMs: 1, recordRequests: true, phases: [{ afterMs: 100, pauseMs: 2000 }] });

  test('a request of the next batch past afterMs is not paused again', async () => {
    await server().resetStats();
    const sendIdentified = async (index: number, iteration: number): Promise<void> => {
      const response = await request(`${server().url}/`, { headers: identityHeaders(index, iteration) });
      await response.body.dump();
    };
    await sendIdentified(0, 0);
    await sleep(150);
    await sendIdentified(1, 0);
    await sendIdentified(0, 1);
    const [, paused, next] = (await server().requests()).requests;
    assert.ok(paused && next, 'three requests recorded');
    // By the server's own clock: the first request past 100 ms waits out the pause; the next batch's does not.
    assert.ok(paused.answeredMs >= paused.arrivedMs + 2000, `the pause held the first: ${paused.answeredMs - paused.arrivedMs} ms`);
    assert.ok(next.answeredMs < next.arrivedMs + 2000, `the next batch was paused again: ${next.answeredMs - next.arrivedMs} ms`);
    assert.equal(next.phase, 1);
  });
});

describe('phase validation', () => {
  test('schema errors name the phase and the field', () => {
    const parse = (phases: unknown): unknown => parseOrThrow(serverProfileSchema, { phases }, { prefix: 'server.' });
    assert.throws(() => parse([{ latencyMs: 5 }]), /Expected `server\.phases\[0\]\.afterRequests` to be given, or else `afterMs`/);
    assert.throws(() => parse([{ afterRequests: 5, afterMs: 5 }]), /exactly one/);
    assert.throws(
      () => parse([{ afterRequests: 9 }, { afterRequests: 5 }]),
      /`server\.phases\[1\]\.afterRequests` to be an integer > the previous/,
    );
    assert.throws(() => parse([{ afterMs: 1, capacity: 0 }]), /`server\.phases\[0\]\.capacity` to be an integer >= 1, got `0`/);
    assert.throws(() => parse([{ afterMs: 1, speed: 2 }]), /no unknown keys \(`speed`\)/);
  });

  test('--phases takes JSON, validated like a scenario', async () => {
    const notJson = await runCli('mock-server.ts', ['--phases', '[{'], { timeoutMs: 30_000 });
    assert.equal(notJson.code, 2);
    assert.equal(notJson.stderr, 'Expected `--phases` to be JSON, got `[{`\n');
    const bad = await runCli('mock-server.ts', ['--phases', '[{"afterMs":10,"pauseMs":-1}]'], { timeoutMs: 30_000 });
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'Expected `--phases[0].pauseMs` to be a number >= 0, got `-1`\n');
  });
});

describe('phases start again with every batch', () => {
  const server = useMockServer({ latencyMs: 2, capacity: 4, phases: [{ afterRequests: 3, capacity: 2 }] });

  test("a batch that reached the smaller capacity does not leave it to the next batch's first requests", async () => {
    await server().resetStats();
    // Batch 0 reaches its phase at index 3: the server serves 2 at once from then on.
    const shifted = await holdAtOnce(server(), [3, 4, 5], 2, 0);
    assert.equal(shifted.inFlight, 2);
    // Batch 1 starts at index 0: the profile's capacity of 4 again, so all three are served at once.
    const next = await holdAtOnce(server(), [0, 1, 2], 3, 1);
    assert.equal(next.inFlight, 3);
  });
});
