import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { createLatencyHistogram, encodeHistogram, recordLatencyMs } from '../common/histogram.ts';
import { LatenessRecord, mergeLateness } from '../mock-server/lateness.ts';
import { startMockServerProcess, type MockServerProcess } from '../mock-server/process.ts';
import { serverProfileSchema, type ServerProfileInput } from '../mock-server/profile.ts';
import { formatServerTiming } from '../mock-server/server-timing.ts';
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

function agent(connections: number): Agent {
  const created = new Agent({ connections });
  agents.push(created);
  return created;
}

interface Answer {
  readonly status: number;
  readonly header: string;
  /** Client time from sending to the body read. */
  readonly elapsedMs: number;
}

async function get(url: string, dispatcher: Agent): Promise<Answer> {
  const begin = performance.now();
  const response = await request(url, { dispatcher });
  await response.body.dump();
  return { status: response.statusCode, header: String(response.headers['server-timing']), elapsedMs: performance.now() - begin };
}

/** `late;dur=` of a Server-Timing header, signed; NaN when absent. */
function lateMs(header: string): number {
  const match = /(?:^|, )late;dur=(-?\d+\.\d{3})$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

describe('the server states its own lateness', () => {
  test('late;dur= on every answer (200, 500, 503 from a full queue, 429), after queue and serve; /__stats counts every one', async () => {
    const server = await serve({ latencyMs: 3, capacity: 4, queueLimit: 8, errorRate: 0.2 });
    const client = agent(24);
    await server.resetStats();
    const urls = Array.from({ length: 120 }, (_, i) => `${server.url}/?latency=${(i % 9) * 0.7}`);
    const answers = await Promise.all(urls.map((url) => get(url, client)));
    const statuses = new Set(answers.map((answer) => answer.status));
    for (const status of [200, 500, 503]) assert.ok(statuses.has(status), `no ${status} among ${[...statuses].join(', ')}`);
    for (const answer of answers) {
      assert.match(answer.header, /^queue;dur=\d+\.\d{3}, serve;dur=\d+\.\d{3}, late;dur=\d+\.\d{3}$/, answer.header);
      assert.ok(parseServerTiming(answer.header), 'the client still reads queue and serve');
    }
    const stats = await server.stats();
    assert.equal(stats.served, answers.length);
    assert.equal(stats.lateness.count, answers.length, 'the lateness histogram holds every answer');
    assert.equal(stats.lateness.early, 0);
    assert.ok(stats.lateness.maxMs >= Math.max(...answers.map((answer) => lateMs(answer.header))) - 0.001);

    const limited = await serve({ latencyMs: 0, rateLimit: 1, rateLimitBurst: 1 });
    const [first, second] = [await get(`${limited.url}/`, client), await get(`${limited.url}/`, client)];
    assert.deepEqual([first?.status, second?.status], [200, 429]);
    assert.ok(lateMs(second.header) >= 0, second.header);
    assert.equal((await limited.stats()).lateness.count, 2);
    await server.resetStats();
    assert.equal((await server.stats()).lateness.count, 0, '/__reset clears the lateness too');
  });

  test('no answer is early: every late;dur >= 0, every serve;dur >= its latency, the client never waits less', async () => {
    const server = await serve({ latencyMs: 7, latencyDistribution: 'lognormal', latencySpreadMs: 4, capacity: 6 });
    const client = agent(16);
    await server.resetStats();
    const latencies = Array.from({ length: 300 }, (_, i) => ((i * 37) % 23) * 0.43);
    const answers = await Promise.all(latencies.map((latency) => get(`${server.url}/?latency=${latency}`, client)));
    answers.forEach((answer, i) => {
      const latency = latencies[i] ?? 0;
      const timing = parseServerTiming(answer.header);
      assert.ok(timing, answer.header);
      assert.ok(lateMs(answer.header) >= 0, `early: ${answer.header}`);
      // Three decimals, rounded: a punctual answer may read up to half a microsecond short.
      assert.ok(timing.serveMs >= latency - 0.0005, `latency ${latency} ms, ${answer.header}`);
      assert.ok(answer.elapsedMs >= timing.queueMs + latency - 0.001, `the client saw ${answer.elapsedMs} ms for ${answer.header}`);
    });
    const { lateness, served } = await server.stats();
    assert.equal(lateness.count, served);
    assert.equal(lateness.early, 0);
  });

  test('a server whose event loop is held (SIGSTOP) shows it: late;dur and the histogram carry the stop', async () => {
    const server = await serve({ latencyMs: 50 });
    const client = agent(5);
    await server.resetStats();
    const pending = Array.from({ length: 5 }, () => get(`${server.url}/`, client));
    // Once the server holds all five, their deadlines are at most 50 ms away; stopped for 400 ms, each is >= 350 ms late.
    await until('five requests in flight', async () => (await server.stats()).inFlight === 5);
    process.kill(server.pid, 'SIGSTOP');
    await sleep(400);
    process.kill(server.pid, 'SIGCONT');
    const answers = await Promise.all(pending);
    for (const answer of answers) assert.ok(lateMs(answer.header) >= 350, answer.header);
    const { lateness } = await server.stats();
    assert.equal(lateness.count, 5);
    assert.ok(lateness.p50Ms >= 350 && lateness.maxMs >= 350, JSON.stringify({ ...lateness, histogram: '...' }));
  });
});

describe('lateness figures', () => {
  test('workers merge exactly: two records merged read as one record of all the answers', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 1_000).map((n) => n / 97);
    const whole = new LatenessRecord();
    const parts = [new LatenessRecord(), new LatenessRecord()];
    values.forEach((value, i) => {
      whole.record(value);
      parts[i % 2]?.record(value);
    });
    parts[0]?.record(-0.2);
    whole.record(-0.2);
    const merged = mergeLateness(parts.map((part) => part.snapshot()));
    const { histogram: _merged, ...mergedSummary } = merged;
    const { histogram: _whole, ...wholeSummary } = whole.snapshot();
    assert.deepEqual(mergedSummary, wholeSummary);
    assert.equal(merged.count, 1_001);
    assert.equal(merged.early, 1);
  });

  test('the summary is read off the same histogram the client can decode', () => {
    const record = new LatenessRecord();
    const histogram = createLatencyHistogram();
    for (const ms of [0, 0.2, 1.5, 3, 40]) {
      record.record(ms);
      recordLatencyMs(histogram, ms);
    }
    assert.equal(record.snapshot().histogram, encodeHistogram(histogram));
    const { maxMs } = record.snapshot();
    assert.ok(maxMs >= 40 && maxMs <= 40.04, `max ${maxMs}: the top of 40 ms's bucket (3 significant digits)`);
  });

  test('Server-Timing keeps queue and serve first and as before; late is signed', () => {
    assert.equal(formatServerTiming(1, 16.0215, 0.0123), 'queue;dur=1.000, serve;dur=16.022, late;dur=0.012');
    assert.equal(formatServerTiming(0, 2, -0.25), 'queue;dur=0.000, serve;dur=2.000, late;dur=-0.250');
    assert.deepEqual(parseServerTiming(formatServerTiming(1, 16, 3)), { queueMs: 1, serveMs: 16 });
  });
});
