import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { startMockServerProcess, type MockServerProcess } from '../mock-server/process.ts';
import { serverProfileSchema, type ServerProfileInput } from '../mock-server/profile.ts';
import { parseServerTiming } from '../runners/server-timing.ts';

const servers: MockServerProcess[] = [];
const agents: Agent[] = [];
after(async () => {
  await Promise.all(agents.map((agent) => agent.destroy()));
  await Promise.all(servers.map((server) => server.stop()));
});

async function serve(profile: ServerProfileInput): Promise<MockServerProcess> {
  const server = await startMockServerProcess(serverProfileSchema.parse(profile));
  servers.push(server);
  return server;
}

function agent(connections: number, timeoutMs = 10_000): Agent {
  const created = new Agent({ connections, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  agents.push(created);
  return created;
}

async function get(url: string, dispatcher: Agent): Promise<{ status: number; headers: Record<string, unknown>; bytes: number }> {
  const response = await request(url, { dispatcher });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, bytes: body.length };
}

/** The first undici error code on the error or its causes. */
function errorCode(error: unknown): string {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'none';
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('capacity', () => {
  test('never more than K in flight under 4K concurrent clients; the rest queue (FIFO) and are all served', async () => {
    const capacity = 8;
    const server = await serve({ latencyMs: 20, capacity });
    const client = agent(capacity * 4);
    const results = await Promise.all(Array.from({ length: capacity * 4 * 3 }, () => get(`${server.url}/`, client)));
    assert.ok(results.every((result) => result.status === 200));
    const stats = await server.stats();
    assert.ok(stats.maxInFlight <= capacity, `max in flight ${stats.maxInFlight} > capacity ${capacity}`);
    assert.equal(stats.served, results.length);
    assert.equal(stats.inFlight, 0);
    assert.ok(stats.queueHighWater > 0, 'requests should have waited for a slot');
    const queued = results.map((result) => parseServerTiming(String(result.headers['server-timing'])));
    assert.ok(
      queued.every((timing) => timing !== undefined && timing.serveMs >= 20),
      'each served no sooner than its latency',
    );
    assert.ok(
      queued.some((timing) => (timing?.queueMs ?? 0) > 0),
      'Server-Timing shows the queue wait',
    );
  });

  test('a full queue is answered 503 with Retry-After at once', async () => {
    const server = await serve({ latencyMs: 1_000, capacity: 2, queueLimit: 2 });
    const client = agent(10);
    const results = await Promise.all(Array.from({ length: 10 }, () => get(`${server.url}/`, client)));
    const statuses = results.map((result) => result.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 503, 503, 503, 503, 503, 503]);
    assert.ok(results.filter((result) => result.status === 503).every((result) => result.headers['retry-after'] === '1'));
    const stats = await server.stats();
    assert.equal(stats.queueHighWater, 2);
    assert.deepEqual(stats.byStatus, { '200': 4, '503': 6 });
  });
});

describe('rate limit', () => {
  test('429s with Retry-After follow the token bucket: allowed <= burst + rate x elapsed, and close to it', async () => {
    const perSecond = 40;
    const burst = 5;
    const server = await serve({ latencyMs: 0, rateLimit: perSecond, rateLimitBurst: burst });
    const client = agent(8);
    const begin = performance.now();
    let allowed = 0;
    let limited = 0;
    // At least 1.5 s, and on until the client has sent well over the rate (a slow machine sends slower).
    const lane = async (): Promise<void> => {
      while ((performance.now() - begin < 1_500 || limited <= allowed) && performance.now() - begin < 15_000) {
        const result = await get(`${server.url}/`, client);
        if (result.status === 200) allowed += 1;
        else if (result.status === 429 && Number(result.headers['retry-after']) >= 1) limited += 1;
        else assert.fail(`unexpected answer ${result.status}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    const elapsedSeconds = (performance.now() - begin) / 1000;
    const ceiling = burst + perSecond * elapsedSeconds;
    assert.ok(
      allowed <= ceiling + 1,
      `${allowed} allowed in ${elapsedSeconds.toFixed(2)} s, more than the bucket gives (${ceiling.toFixed(1)})`,
    );
    assert.ok(limited > allowed, 'the client sent well over the rate, so most answers should be 429');
    assert.equal((await server.stats()).byStatus['429'], limited);
  });
});

describe('faults', () => {
  test('500, reset and stall arrive at their rates and the client can tell them apart', async () => {
    const profile = { latencyMs: 1, errorRate: 0.1, resetRate: 0.1, stallRate: 0.1, seed: 21 };
    const server = await serve(profile);
    const total = 200;
    // A stall is told apart by the client's timeout: long enough that no 1 ms answer reaches it on a loaded machine.
    const client = agent(25, 3_000);
    const seen: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: total }, async () => {
        let kind: string;
        try {
          const result = await get(`${server.url}/`, client);
          kind = `status ${result.status}`;
        } catch (error) {
          const code = errorCode(error);
          kind = code === 'UND_ERR_HEADERS_TIMEOUT' ? 'timeout' : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'reset' : code;
        }
        seen[kind] = (seen[kind] ?? 0) + 1;
      }),
    );
    const stats = await server.stats();
    assert.equal(seen['status 500'], stats.byFault.error, 'every 500 the server chose reached the client as a 500');
    assert.equal(seen.reset, stats.byFault.reset, 'every reset reached the client as ECONNRESET / UND_ERR_SOCKET');
    assert.equal(seen.timeout, stats.byFault.stall, 'every stall ended in the client giving up (headers timeout)');
    assert.equal(
      (seen['status 200'] ?? 0) + (seen['status 500'] ?? 0) + (seen.reset ?? 0) + (seen.timeout ?? 0),
      total,
      JSON.stringify(seen),
    );
    for (const fault of ['error', 'reset', 'stall'] as const) {
      const count = stats.byFault[fault];
      assert.ok(count >= 0.04 * total && count <= 0.2 * total, `${fault}: ${count} of ${total} is far from the 10% rate`);
    }
  });

  test('a stalled request holds its slot until the client times out, then frees it and its socket', async () => {
    const server = await serve({ latencyMs: 0, capacity: 1 });
    const client = agent(1, 1_500);
    await assert.rejects(get(`${server.url}/?fault=stall`, client), (error) => errorCode(error) === 'UND_ERR_HEADERS_TIMEOUT');
    await until('the server sees the stalled request end', async () => (await server.stats()).inFlight === 0);
    const stats = await server.stats();
    assert.equal(stats.byFault.stall, 1);
    assert.equal(stats.aborted, 1);
    assert.equal((await get(`${server.url}/`, client)).status, 200, 'the slot is free again');
  });
});

describe('payloads', () => {
  test('html pages of an exact size with links, binary bodies, slow bodies no sooner than their rate allows', async () => {
    const server = await serve({ latencyMs: 0, payload: 'html', bodyBytes: 4_000 });
    const client = agent(2);
    const page = await request(`${server.url}/`, { dispatcher: client });
    const html = await page.body.text();
    assert.equal(Buffer.byteLength(html), 4_000);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.ok((html.match(/<a href="\/page\/\d+">/g) ?? []).length >= 10, 'a page to scrape has links');
    const binary = await get(`${server.url}/?payload=binary&size=3000`, client);
    assert.equal(binary.bytes, 3_000);
    assert.equal(binary.headers['content-type'], 'application/octet-stream');

    const slow = await serve({ latencyMs: 0, bodyBytes: 1_000, bodyBytesPerSecond: 2_000, firstByteDelayMs: 100 });
    const begin = performance.now();
    const response = await request(`${slow.url}/`, { dispatcher: client });
    const headersAfter = performance.now() - begin;
    const body = await response.body.text();
    const bodyAfter = performance.now() - begin;
    assert.equal(Buffer.byteLength(body), 1_000);
    // Headers at once; first body byte 100 ms later; the last one (980 bytes on) 490 ms after that.
    assert.ok(bodyAfter >= 590, `the whole body took ${bodyAfter.toFixed(0)} ms, sooner than 100 ms + 980 B at 2000 B/s`);
    assert.ok(bodyAfter - headersAfter >= 500, `body took ${(bodyAfter - headersAfter).toFixed(0)} ms after the headers`);
  });
});
