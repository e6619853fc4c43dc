import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { seededRandom } from '../mock-server/random.ts';
import { feedbackOf } from '../runners/limiters/feedback.ts';
import { limiters } from '../runners/limiters/registry.ts';
import { ADAPTIVE_LIMITER_IDS, LIMITER_IDS, type Limiter, type RequestFeedback } from '../runners/limiters/types.ts';

const MAX = 8;
const now = (): number => performance.now();
const OK: RequestFeedback = { rttMs: 1, backpressure: false, ok: true };
const isAdaptive = (limiter: Limiter): boolean => (ADAPTIVE_LIMITER_IDS as readonly string[]).includes(limiter.id);
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

interface Observed {
  readonly starts: number[];
  readonly ends: number[];
  peak: number;
  overLimit: number;
  inFlight: number;
}

/** Runs `count` requests that end after 1-3 event-loop turns; every 7th pushes back, so adaptive limits move both ways. */
async function observe(limiter: Limiter, count: number, seed: number): Promise<Observed> {
  const random = seededRandom(seed);
  const seen: Observed = { starts: [], ends: range(count).map(() => 0), peak: 0, overLimit: 0, inFlight: 0 };
  await limiter.run(count, async (index) => {
    seen.starts.push(index);
    seen.inFlight += 1;
    seen.peak = Math.max(seen.peak, seen.inFlight);
    if (seen.inFlight > limiter.limit) seen.overLimit += 1;
    const turns = 1 + Math.floor(random() * 3);
    for (let turn = 0; turn < turns; turn += 1) await tick();
    seen.inFlight -= 1;
    seen.ends[index] = (seen.ends[index] ?? 0) + 1;
    const pushedBack = index % 7 === 3;
    return { rttMs: 1 + turns, backpressure: pushedBack, ok: !pushedBack };
  });
  return seen;
}

for (const id of LIMITER_IDS) {
  test(`${id}: starts every index once, in order, and never more than its limit in flight`, async () => {
    for (const count of [0, 1, MAX - 3, 300]) {
      const limiter = limiters[id]({ max: MAX, now });
      assert.equal(limiter.id, id);
      const seen = await observe(limiter, count, count + 1);
      assert.deepEqual(seen.starts, range(count), `${id} x${count}: start order`);
      assert.ok(
        seen.ends.every((ends) => ends === 1),
        `${id} x${count}: each index ends once`,
      );
      assert.equal(seen.inFlight, 0);
      assert.ok(seen.peak <= MAX, `${id} x${count}: peak ${seen.peak} > ${MAX}`);
      assert.equal(seen.overLimit, 0, `${id} x${count}: a start above the current limit`);
      if (count > 0 && !isAdaptive(limiter)) assert.equal(seen.peak, Math.min(MAX, count), `${id} x${count}: uses its limit`);
      const trace = limiter.trace();
      assert.ok(trace.length >= 2 && trace.length <= 1_000);
      assert.ok(trace.every((sample) => sample.limit >= 1 && sample.limit <= MAX));
    }
  });
}

test('adaptive limiters start small, move with feedback, and keep the learned limit for the next run', async () => {
  for (const id of ADAPTIVE_LIMITER_IDS) {
    const limiter = limiters[id]({ max: 64, now });
    const start = limiter.limit;
    assert.ok(start <= 10, `${id} starts at ${start}`);
    await limiter.run(400, async () => {
      await tick();
      return OK;
    });
    const learned = limiter.limit;
    if (id !== 'gradient2') assert.ok(learned > start, `${id} grew from ${start} to ${learned} on a fast, clean server`);
    await limiter.run(1, async () => OK);
    assert.equal(limiter.trace().at(-2)?.limit, learned, `${id} begins its second run where the first ended`);
  }
});

test('an adaptive limiter whose callback rejects stops starting, lets the rest finish, then rejects', async () => {
  const limiter = limiters.aimd({ max: 4, now });
  const started: number[] = [];
  let inFlight = 0;
  const run = limiter.run(100, async (index) => {
    started.push(index);
    inFlight += 1;
    await tick();
    inFlight -= 1;
    if (index === 5) throw new Error('broken callback');
    return OK;
  });
  await assert.rejects(run, /broken callback/);
  assert.equal(inFlight, 0);
  assert.ok(started.length < 100);
});

test("chunks waits for each chunk's slowest request; lanes refills a lane at once", async () => {
  for (const id of ['chunks', 'lanes'] as const) {
    const started: number[] = [];
    const finishers = new Map<number, () => void>();
    const finish = (index: number): void => {
      const resolve = finishers.get(index);
      if (resolve === undefined) throw new Error(`request ${index} has not started`);
      resolve();
    };
    const limiter = limiters[id]({ max: 3, now });
    const run = limiter.run(
      7,
      (index) =>
        new Promise<RequestFeedback>((resolve) => {
          started.push(index);
          finishers.set(index, () => resolve(OK));
        }),
    );
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    finish(0);
    finish(1);
    await tick();
    assert.deepEqual(started, id === 'chunks' ? [0, 1, 2] : [0, 1, 2, 3, 4], `${id} after two of three end`);
    finish(2);
    await tick();
    assert.deepEqual(started, range(6), `${id} after the chunk's slowest ends`);
    for (const index of [3, 4, 5]) finish(index);
    await tick();
    assert.deepEqual(started, range(7));
    finish(6);
    await run;
  }
});

test('feedbackOf: 429, 503, timeouts and retried requests are back-pressure', () => {
  const record = { status: 200, errorKind: undefined, attempts: 1 } as const;
  assert.deepEqual(feedbackOf(record, 12), { rttMs: 12, backpressure: false, ok: true });
  assert.deepEqual(feedbackOf({ status: 429, errorKind: 'rate_limited', attempts: 1 }, 1), { rttMs: 1, backpressure: true, ok: false });
  assert.equal(feedbackOf({ status: 503, errorKind: 'http_5xx', attempts: 1 }, 1).backpressure, true);
  assert.equal(feedbackOf({ status: 500, errorKind: 'http_5xx', attempts: 1 }, 1).backpressure, false);
  assert.equal(feedbackOf({ status: 0, errorKind: 'timeout', attempts: 1 }, 1).backpressure, true);
  assert.equal(feedbackOf({ status: 0, errorKind: 'reset', attempts: 1 }, 1).backpressure, false);
  assert.deepEqual(feedbackOf({ status: 200, errorKind: undefined, attempts: 2 }, 80), { rttMs: 80, backpressure: true, ok: true });
});
