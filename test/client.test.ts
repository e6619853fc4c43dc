import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { jitterRandom, parseRetryAfterMs, retryDelayMs } from '../runners/backoff.ts';
import { batchIdentity } from '../runners/batch-identity.ts';
import { executeBatch } from '../runners/batch.ts';
import { CLIENT_KINDS, clientConfigSchema, type ClientConfigInput } from '../runners/client-config.ts';
import { createHttpClient } from '../runners/http-client.ts';
import { NO_WORK } from '../runners/work.ts';
import { useIdentityRecorder } from './support/identity-recorder.ts';
import { closedPort, useScriptedServer } from './support/scripted-server.ts';

const server = useScriptedServer();

function client(kind: (typeof CLIENT_KINDS)[number], config: ClientConfigInput = {}, origin = server().url) {
  return createHttpClient({ origin, config: clientConfigSchema.parse({ kind, ...config }), inFlight: 2, readBody: false });
}

for (const kind of CLIENT_KINDS) {
  describe(`${kind} client: errors are classified with stable codes`, () => {
    const cases: [string, string | undefined][] = [
      ['/ok', undefined],
      ['/status/404', 'http_4xx'],
      ['/status/500', 'http_5xx'],
      ['/status/503', 'http_5xx'],
      ['/status/429', 'rate_limited'],
      ['/reset', 'reset'],
      ['/short-body', 'body'],
    ];
    for (const [path, expected] of cases) {
      test(`${path} -> ${expected ?? 'ok'}`, async () => {
        const c = client(kind);
        try {
          const response = await c.get(path);
          assert.equal(response.errorKind, expected);
          assert.equal(response.attempts, 1);
        } finally {
          await c.close();
        }
      });
    }

    test('connection refused', async () => {
      const c = client(kind, {}, `http://127.0.0.1:${await closedPort()}`);
      try {
        assert.equal((await c.get('/ok')).errorKind, 'connect_refused');
      } finally {
        await c.close();
      }
    });

    test('a stalled request times out and frees its slot for the next one', async () => {
      const c = client(kind, { headersTimeoutMs: 150, bodyTimeoutMs: 150 });
      try {
        const outcome = await executeBatch(
          c,
          { requests: 4, concurrency: 1, path: '/stall', stream: 1, iteration: 0 },
          { cpuWork: NO_WORK, busyRate: { busyRoundsPerMs: 1 } },
          { seed: 1 },
        );
        assert.equal(outcome.requests, 4, 'every request ended, one after the other on the single slot');
        assert.deepEqual(outcome.errorsByKind, { timeout: 4 });
        const ok = await c.get('/ok');
        assert.equal(ok.errorKind, undefined, 'the client still works after timeouts');
      } finally {
        await c.close();
      }
    });
  });
}

describe('retries', () => {
  test('honour Retry-After and stop once the request succeeds', async () => {
    const c = client('undici', { retry: { maxRetries: 5 } });
    try {
      const begin = performance.now();
      const response = await c.get('/retry-after/honour/2/0.2');
      const elapsed = performance.now() - begin;
      assert.equal(response.errorKind, undefined);
      assert.equal(response.attempts, 3);
      assert.equal(server().hits('honour'), 3);
      assert.ok(response.backoffMs >= 400, `waited ${response.backoffMs} ms of backoff, Retry-After asked 2 x 200 ms`);
      assert.ok(elapsed >= 400, `finished after ${elapsed.toFixed(0)} ms, sooner than Retry-After allows`);
    } finally {
      await c.close();
    }
  });

  test('stop at the maximum and report the last error', async () => {
    const c = client('undici', { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    try {
      const response = await c.get('/retry-after/max/99/0');
      assert.equal(response.errorKind, 'rate_limited');
      assert.equal(response.attempts, 3);
      assert.equal(server().hits('max'), 3, 'one first try and exactly two retries reached the server');
    } finally {
      await c.close();
    }
  });

  test('are not made for errors outside retryOn, and counted apart from first tries in a batch', async () => {
    const c = client('undici', { retry: { maxRetries: 3, baseDelayMs: 1, retryOn: ['http_5xx'] } });
    try {
      assert.equal((await c.get('/status/404')).attempts, 1);
      const outcome = await executeBatch(
        c,
        { requests: 3, concurrency: 3, path: '/status/500', stream: 1, iteration: 0 },
        { cpuWork: NO_WORK, busyRate: { busyRoundsPerMs: 1 } },
        { seed: 1 },
      );
      assert.equal(outcome.requests, 3);
      assert.equal(outcome.retries, 9);
      assert.deepEqual(outcome.errorsByKind, { http_5xx: 3 });
    } finally {
      await c.close();
    }
  });

  test('backoff is full jitter within the exponential cap, Retry-After parsed as seconds or a date', () => {
    const policy = clientConfigSchema.parse({}).retry;
    for (let retry = 0; retry < 8; retry += 1) {
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
      assert.equal(
        retryDelayMs(retry, policy, undefined, () => 0),
        0,
      );
      assert.ok(Math.abs(retryDelayMs(retry, policy, undefined, () => 0.999999) - cap) < 0.01);
    }
    assert.equal(
      retryDelayMs(0, policy, '2', () => 0.5),
      2000,
    );
    assert.equal(
      retryDelayMs(0, { ...policy, honourRetryAfter: false }, '2', () => 0.5),
      policy.baseDelayMs * 0.5,
    );
    assert.equal(
      retryDelayMs(0, policy, '3600', () => 0),
      policy.maxRetryAfterMs,
    );
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
  });
});

describe('request identity', () => {
  const recorder = useIdentityRecorder(0);

  for (const kind of CLIENT_KINDS) {
    test(`${kind}: every attempt carries stream.iteration.index.attempt, the attempt counting from 0`, async () => {
      const c = createHttpClient({
        origin: recorder().url,
        config: clientConfigSchema.parse({ kind, retry: { maxRetries: 3, baseDelayMs: 1, retryOn: ['http_5xx'] } }),
        inFlight: 1,
        readBody: false,
      });
      try {
        recorder().reset();
        const response = await c.get('/fail/2', batchIdentity(9, 4242, 3), 17);
        assert.equal(response.errorKind, undefined);
        assert.equal(response.attempts, 3);
        assert.deepEqual(
          recorder().seen,
          [0, 1, 2].map((attempt) => ({ stream: 4242, iteration: 3, index: 17, attempt })),
        );
        await c.get('/');
        assert.equal(recorder().seen.at(-1), undefined, 'no identity, no header');
      } finally {
        await c.close();
      }
    });
  }

  for (const kind of CLIENT_KINDS) {
    test(`${kind}: a client told to leave the identity off sends no header, and still retries`, async () => {
      const c = createHttpClient({
        origin: recorder().url,
        config: clientConfigSchema.parse({ kind, retry: { maxRetries: 3, baseDelayMs: 1, retryOn: ['http_5xx'] } }),
        inFlight: 1,
        readBody: false,
        identityHeader: false,
      });
      try {
        recorder().reset();
        // Without the header the recorder reads attempt 0 every time, so /fail/1 fails until the retries run out.
        const response = await c.get('/fail/1', batchIdentity(9, 4242, 3), 17);
        assert.equal(response.errorKind, 'http_5xx');
        assert.equal(response.attempts, 4);
        assert.deepEqual(recorder().seen, [undefined, undefined, undefined, undefined]);
      } finally {
        await c.close();
      }
    });
  }

  test('retry jitter is a pure function of (seed, identity, retry), spread over [0, 1)', () => {
    assert.equal(jitterRandom(1, 2, 3, 4, 0), jitterRandom(1, 2, 3, 4, 0));
    const draws = new Set<number>();
    let sum = 0;
    for (let index = 0; index < 2000; index += 1) {
      for (const value of [jitterRandom(1, 2, 3, index, 0), jitterRandom(1, 2, 3, index, 1), jitterRandom(2, 2, 3, index, 0)]) {
        assert.ok(value >= 0 && value < 1);
        draws.add(value);
        sum += value;
      }
    }
    assert.equal(draws.size, 6000, 'seed, index and retry each change the draw');
    assert.ok(Math.abs(sum / 6000 - 0.5) < 0.02, `mean ${sum / 6000}`);
  });
});
