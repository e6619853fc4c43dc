import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  replayBatch,
  REPLAY_LIMITS,
  type ReplayAttemptDecision,
  type ReplayInput,
  type ReplayResult,
} from '../harness/ideal/replay/index.ts';

const NO_RETRY: ReplayInput['retry'] = { maxRetries: 0, retryOn: [], honourRetryAfter: true, maxRetryAfterMs: 30_000, backoffMs: () => 0 };
const ALL_KINDS = ['rate_limited', 'http_5xx', 'reset', 'timeout'];

function fixed(latencyMs: number, bodyBytes = 0): (index: number, attempt: number) => ReplayAttemptDecision {
  const decision: ReplayAttemptDecision = { latencyMs, fault: undefined, bodyBytes };
  return () => decision;
}

function input(overrides: Partial<ReplayInput>): ReplayInput {
  return {
    requests: 10,
    lanes: 1,
    decide: fixed(10),
    server: {},
    retry: NO_RETRY,
    headersTimeoutMs: 30_000,
    cpuWorkMs: 0,
    cpuExecutors: 1,
    roundTripFloorMs: 0,
    ...overrides,
  };
}

function retrying(maxRetries: number, backoffMs: number, honourRetryAfter = false, maxRetryAfterMs = 30_000): ReplayInput['retry'] {
  return { maxRetries, retryOn: ALL_KINDS, honourRetryAfter, maxRetryAfterMs, backoffMs: () => backoffMs };
}

/** The critical lane's parts always add up to the makespan. */
function assertCriticalPath(result: ReplayResult): void {
  const sum = REPLAY_LIMITS.reduce((total, limit) => total + result.criticalPathMs[limit], 0);
  assert.ok(Math.abs(sum - result.makespanMs) < 1e-6, `critical path ${sum} != makespan ${result.makespanMs}`);
  for (const limit of REPLAY_LIMITS) assert.ok(result.criticalPathMs[limit] >= 0, `${limit} is negative`);
}

describe('replay: lanes and latency', () => {
  test('fixed latency L, N requests, C lanes: ceil(N / C) x L', () => {
    for (const [requests, lanes] of [
      [100, 7],
      [100, 1],
      [30, 30],
      [5, 50],
      [1, 1],
    ] as const) {
      const result = replayBatch(input({ requests, lanes, decide: fixed(10) }));
      assert.equal(result.makespanMs, Math.ceil(requests / lanes) * 10, `N=${requests} C=${lanes}`);
      assert.equal(result.limitedBy, 'latency');
      assert.equal(result.attempts, requests);
      assertCriticalPath(result);
    }
  });

  test('a round-trip floor adds once per round', () => {
    const result = replayBatch(input({ requests: 100, lanes: 7, decide: fixed(10), roundTripFloorMs: 2 }));
    assert.equal(result.makespanMs, 15 * 12);
    assert.ok(result.requestLatenciesMs.every((latency) => latency === 12));
    assertCriticalPath(result);
  });

  test('no requests: nothing to wait for', () => {
    const result = replayBatch(input({ requests: 0, lanes: 4 }));
    assert.equal(result.makespanMs, 0);
    assert.equal(result.attempts, 0);
  });

  test('capacity K < C: ceil(N / K) x L, and the queue wait is charged to capacity', () => {
    const result = replayBatch(input({ requests: 100, lanes: 7, decide: fixed(10), server: { capacity: 3 } }));
    assert.equal(result.makespanMs, Math.ceil(100 / 3) * 10);
    assert.equal(result.limitedBy, 'capacity');
    assertCriticalPath(result);
  });

  test('capacity >= C changes nothing', () => {
    const result = replayBatch(input({ requests: 100, lanes: 7, decide: fixed(10), server: { capacity: 7 } }));
    assert.equal(result.makespanMs, 150);
  });

  test('body bytes take bodyBytes / bytesPerMs after the headers, one body at a time on the link all bodies share', () => {
    const alone = replayBatch(input({ requests: 2, lanes: 1, decide: fixed(10, 1000), bytesPerMs: 10 }));
    assert.equal(alone.makespanMs, 2 * (10 + 100));
    // Both lanes' first answers are written at 10 ms and the second body waits for the first: the link carries 4 x 100 ms.
    const result = replayBatch(input({ requests: 4, lanes: 2, decide: fixed(10, 1000), bytesPerMs: 10 }));
    assert.equal(result.makespanMs, 10 + 4 * 100);
    assert.equal(result.limitedBy, 'bytes');
    assertCriticalPath(result);
  });
});

describe('replay: CPU work', () => {
  test('latency 0, one executor: N x W; two executors: ceil(N / 2) x W', () => {
    const one = replayBatch(input({ requests: 10, lanes: 4, decide: fixed(0), cpuWorkMs: 5, cpuExecutors: 1 }));
    assert.equal(one.makespanMs, 50);
    assert.equal(one.limitedBy, 'cpu');
    assertCriticalPath(one);
    const two = replayBatch(input({ requests: 11, lanes: 4, decide: fixed(0), cpuWorkMs: 5, cpuExecutors: 2 }));
    assert.equal(two.makespanMs, Math.ceil(11 / 2) * 5);
    assertCriticalPath(two);
  });

  test('request latency excludes the CPU work; a lane takes its next request only after its work', () => {
    const result = replayBatch(input({ requests: 6, lanes: 1, decide: fixed(10), cpuWorkMs: 5, cpuExecutors: 4 }));
    assert.equal(result.makespanMs, 6 * 15);
    assert.ok(result.requestLatenciesMs.every((latency) => latency === 10));
    assert.deepEqual([...result.requestEndsMs], [10, 25, 40, 55, 70, 85]);
  });

  test('failed requests do no CPU work', () => {
    const failing = (): ReplayAttemptDecision => ({ latencyMs: 10, fault: 'error', bodyBytes: 0 });
    const result = replayBatch(input({ requests: 4, lanes: 1, decide: failing, cpuWorkMs: 100 }));
    assert.equal(result.makespanMs, 40);
    assert.equal(result.errors.byKind.http_5xx, 4);
  });
});

describe('replay: retries and faults', () => {
  const failTwice =
    (latencyMs: number) =>
    (_index: number, attempt: number): ReplayAttemptDecision => ({
      latencyMs,
      fault: attempt < 2 ? 'error' : undefined,
      bodyBytes: 0,
    });

  test('two errors, fixed backoff 10 ms, latency L: ends at 3L + 20', () => {
    const result = replayBatch(input({ requests: 1, decide: failTwice(7), retry: retrying(3, 10) }));
    assert.equal(result.makespanMs, 3 * 7 + 20);
    assert.equal(result.requestLatenciesMs[0], 41);
    assert.deepEqual([result.attempts, result.retries, result.backoffMs, result.errors.total], [3, 2, 20, 0]);
    assert.equal(result.limitedBy, 'retries');
    assertCriticalPath(result);
  });

  test('with a floor, each attempt pays it', () => {
    const result = replayBatch(input({ requests: 1, decide: failTwice(7), retry: retrying(3, 10), roundTripFloorMs: 2 }));
    assert.equal(result.makespanMs, 3 * 9 + 20);
  });

  test('retries run out: the request ends with the last kind', () => {
    const result = replayBatch(input({ requests: 1, decide: failTwice(7), retry: retrying(1, 10) }));
    assert.equal(result.makespanMs, 2 * 7 + 10);
    assert.equal(result.requestErrors[0], 'http_5xx');
    assert.equal(result.errors.byKind.http_5xx, 1);
  });

  test('kinds outside retryOn are not retried; backoffMs gets the request index and retry number', () => {
    const calls: [number, number][] = [];
    const retry = {
      ...retrying(5, 0),
      retryOn: ['reset'],
      backoffMs: (index: number, n: number) => {
        calls.push([index, n]);
        return 1;
      },
    };
    const resets = (_index: number, attempt: number): ReplayAttemptDecision => ({
      latencyMs: 5,
      fault: attempt < 2 ? 'reset' : 'error',
      bodyBytes: 0,
    });
    const result = replayBatch(input({ requests: 2, lanes: 2, decide: resets, retry }));
    assert.equal(result.makespanMs, 3 * 5 + 2);
    assert.deepEqual(result.requestErrors, ['http_5xx', 'http_5xx']);
    assert.deepEqual(calls.sort(), [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  test('a stalled attempt without retries ends at headersTimeoutMs as a timeout', () => {
    const stall = (): ReplayAttemptDecision => ({ latencyMs: 5, fault: 'stall', bodyBytes: 0 });
    const result = replayBatch(input({ requests: 1, decide: stall, headersTimeoutMs: 100 }));
    assert.equal(result.makespanMs, 100);
    assert.equal(result.requestErrors[0], 'timeout');
  });

  test('a stall holds its slot until the client gives up; the retry then succeeds', () => {
    const stallFirst = (index: number, attempt: number): ReplayAttemptDecision => ({
      latencyMs: 10,
      fault: index === 0 && attempt === 0 ? 'stall' : undefined,
      bodyBytes: 0,
    });
    const server = { capacity: 1 };
    const result = replayBatch(input({ requests: 2, lanes: 2, decide: stallFirst, server, headersTimeoutMs: 100, retry: retrying(1, 5) }));
    // Request 1 waits behind the stall until 100 (its own deadline is 100 as well: it times out too).
    assert.deepEqual(result.requestErrors, [undefined, undefined]);
    assert.deepEqual(
      [...result.requestEndsMs].sort((a, b) => a - b),
      [115, 125],
    );
    assert.equal(result.errors.total, 0);
    assert.equal(result.retries, 2);
  });

  test('latency beyond headersTimeoutMs is a timeout at headersTimeoutMs', () => {
    const result = replayBatch(input({ requests: 3, lanes: 1, decide: fixed(500), headersTimeoutMs: 50 }));
    assert.equal(result.makespanMs, 150);
    assert.equal(result.errors.byKind.timeout, 3);
  });

  test('queueLimit: one more waiting request is answered 503 at once', () => {
    const none = replayBatch(input({ requests: 3, lanes: 3, decide: fixed(10), server: { capacity: 1, queueLimit: 0 } }));
    assert.deepEqual([...none.requestLatenciesMs], [10, 0, 0]);
    assert.equal(none.errors.byKind.http_5xx, 2);
    const one = replayBatch(input({ requests: 3, lanes: 3, decide: fixed(10), server: { capacity: 1, queueLimit: 1 } }));
    assert.deepEqual([...one.requestLatenciesMs], [10, 20, 0]);
    assert.equal(one.errors.byKind.http_5xx, 1);
  });

  test('503 Retry-After 1 s is honoured up to maxRetryAfterMs', () => {
    const server = { capacity: 1, queueLimit: 0 };
    const result = replayBatch(input({ requests: 2, lanes: 2, decide: fixed(10), server, retry: retrying(1, 3, true, 400) }));
    assert.deepEqual([...result.requestLatenciesMs], [10, 410]);
    assert.equal(result.backoffMs, 400);
    // Not honoured: the backoff; a retry while the slot is still held meets the full queue again.
    const early = replayBatch(input({ requests: 2, lanes: 2, decide: fixed(10), server, retry: retrying(1, 3) }));
    assert.deepEqual([...early.requestLatenciesMs], [10, 3]);
    assert.deepEqual(early.requestErrors, [undefined, 'http_5xx']);
    const late = replayBatch(input({ requests: 2, lanes: 2, decide: fixed(10), server, retry: retrying(1, 12) }));
    assert.deepEqual([...late.requestLatenciesMs], [10, 22]);
  });
});

describe('replay: rate limit', () => {
  const perSecond = 100;
  const burst = 10;

  /** The k-th success (1-based) by time t, for every k: k <= R x t + B. */
  function assertBucketBound(result: ReplayResult): void {
    const okEnds = [...result.requestEndsMs].filter((_end, index) => result.requestErrors[index] === undefined).sort((a, b) => a - b);
    for (const [k, end] of okEnds.entries()) assert.ok(k + 1 <= (perSecond * end) / 1000 + burst + 1e-9, `${k + 1} successes by ${end} ms`);
  }

  test('the bucket comes before the capacity gate: a 503 spends a token, a 429 never queues', () => {
    const server = { capacity: 1, queueLimit: 0, rateLimit: { perSecond: 1, burst: 2 } };
    const result = replayBatch(input({ requests: 3, lanes: 3, decide: fixed(10), server }));
    assert.deepEqual(result.requestErrors, [undefined, 'http_5xx', 'rate_limited']);
    assert.deepEqual([...result.requestLatenciesMs], [10, 0, 0]);
  });

  test('no retries: 429s are answers, and the successes never outrun the bucket', () => {
    const result = replayBatch(input({ requests: 300, lanes: 20, decide: fixed(5), server: { rateLimit: { perSecond, burst } } }));
    assert.ok(result.errors.byKind.rate_limited > 0);
    assert.ok(result.requestErrors.some((kind) => kind === undefined));
    assertBucketBound(result);
  });

  test('retries honouring Retry-After: all succeed, makespan >= (N - B) / R', () => {
    const requests = 100;
    const server = { rateLimit: { perSecond, burst } };
    const result = replayBatch(input({ requests, lanes: 20, decide: fixed(5), server, retry: retrying(20, 1, true) }));
    assert.equal(result.errors.total, 0);
    assert.ok(result.makespanMs >= ((requests - burst) / perSecond) * 1000);
    assert.equal(result.limitedBy, 'rate-limit');
    assert.ok(result.backoffMs > 0 && result.backoffMs % 1000 === 0, 'Retry-After is whole seconds');
    assertBucketBound(result);
    assertCriticalPath(result);
  });

  test('retries on a short backoff: the bound still holds', () => {
    const server = { rateLimit: { perSecond, burst } };
    const result = replayBatch(input({ requests: 200, lanes: 20, decide: fixed(5), server, retry: retrying(1000, 2) }));
    assert.equal(result.errors.total, 0);
    assertBucketBound(result);
  });
});

describe('replay: determinism', () => {
  function hash(index: number, attempt: number, salt: number): number {
    let x = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(attempt + salt, 0xc2b2ae35);
    x ^= x >>> 15;
    x = Math.imul(x, 0x2c1b3c6d);
    x ^= x >>> 12;
    return (x >>> 0) / 2 ** 32;
  }

  test('the same input gives the same result', () => {
    const decide = (index: number, attempt: number): ReplayAttemptDecision => {
      const draw = hash(index, attempt, 1);
      const fault = draw < 0.05 ? 'error' : draw < 0.08 ? 'reset' : draw < 0.09 ? 'stall' : undefined;
      return { latencyMs: 1 + 40 * hash(index, attempt, 2), fault, bodyBytes: 100 };
    };
    const make = (): ReplayInput =>
      input({
        requests: 2000,
        lanes: 64,
        decide,
        server: { capacity: 40, queueLimit: 10, rateLimit: { perSecond: 5000, burst: 50 } },
        retry: {
          maxRetries: 3,
          retryOn: ALL_KINDS,
          honourRetryAfter: true,
          maxRetryAfterMs: 50,
          backoffMs: (index, retry) => 20 * hash(index, retry, 3),
        },
        headersTimeoutMs: 200,
        cpuWorkMs: 0.3,
        cpuExecutors: 2,
        roundTripFloorMs: 0.1,
        bytesPerMs: 1000,
      });
    const first = replayBatch(make());
    const second = replayBatch(make());
    assert.deepEqual(first, second);
    assert.equal(first.requestLatenciesMs.length, 2000);
    assert.ok(first.retries > 0 && first.attempts === 2000 + first.retries);
    assertCriticalPath(first);
  });
});

describe('replay: slow bodies', () => {
  test('a slow body costs its first-byte delay and its bytes at their rate, and holds the server slot meanwhile', () => {
    const slow: ReplayAttemptDecision = {
      latencyMs: 10,
      fault: undefined,
      bodyBytes: 1000,
      firstByteDelayMs: 5,
      bodyBytesPerSecond: 100_000,
    };
    // Each answer: 10 ms to the headers, 5 ms to the first byte, 1000 bytes at 100 kB/s = 10 ms: 25 ms a request.
    const alone = replayBatch(input({ requests: 4, lanes: 1, decide: () => slow }));
    assert.equal(alone.makespanMs, 4 * 25);
    assertCriticalPath(alone);
    // Two lanes on one slot: the second waits for the whole slow body, not only the headers.
    const oneSlot = replayBatch(input({ requests: 4, lanes: 2, decide: () => slow, server: { capacity: 1 } }));
    assert.equal(oneSlot.makespanMs, 4 * 25);
    // A fast loopback does not speed up a body the server trickles; a slow loopback beyond the trickle still counts.
    assert.equal(replayBatch(input({ requests: 1, decide: () => slow, bytesPerMs: 1e9 })).makespanMs, 25);
    assert.equal(replayBatch(input({ requests: 1, decide: () => slow, bytesPerMs: 10 })).makespanMs, 10 + 100);
  });
});

describe('replay: a server that turns down', () => {
  test('an attempt is served for latency x (1 + contention (n - 1) + coherency n (n - 1)), n in service at its slot', () => {
    const slowdown = { contention: 0.1, coherency: 0.01 };
    // Four lanes, five rounds: the last lane to start meets all four in service from its first request on.
    const result = replayBatch(input({ requests: 20, lanes: 4, decide: fixed(10), server: { slowdown } }));
    const fullyLoaded = 10 * (1 + 0.1 * 3 + 0.01 * 4 * 3);
    assert.ok(Math.abs(result.makespanMs - 5 * fullyLoaded) < 1e-9, `makespan ${result.makespanMs}`);
    // One lane never shares the server: the latency as drawn.
    assert.equal(replayBatch(input({ requests: 5, lanes: 1, decide: fixed(10), server: { slowdown } })).makespanMs, 50);
    assertCriticalPath(result);
  });
});

describe('replay: phases by request index', () => {
  test("a phase's capacity takes effect at the first arrival of its index, and admits waiters when it grows", () => {
    // Two lanes on capacity 2 until index 4, then 1: the last four requests are served one at a time.
    const shrinking = replayBatch(
      input({ requests: 8, lanes: 2, decide: fixed(10), server: { capacity: 2, capacityPhases: [{ afterRequests: 4, capacity: 1 }] } }),
    );
    assert.equal(shrinking.makespanMs, 2 * 10 + 4 * 10);
    // Capacity 1, then unlimited from index 2: the waiter queued behind index 1 gets its slot at once.
    const growing = replayBatch(
      input({
        requests: 3,
        lanes: 3,
        decide: fixed(10),
        server: { capacity: 1, capacityPhases: [{ afterRequests: 2, capacity: undefined }] },
      }),
    );
    assert.equal(growing.makespanMs, 10);
    assertCriticalPath(shrinking);
  });
});
