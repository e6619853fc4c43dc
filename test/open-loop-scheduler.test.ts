import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { arrivalOffsetsMs, shareOfArrivals } from '../runners/open-loop/arrivals.ts';
import { LATE_MS, runOpenLoop, type OpenLoopClock, type OpenLoopCounts, type OpenLoopShare } from '../runners/open-loop/scheduler.ts';
import { achievedRate } from '../runners/open-loop/settings.ts';
import { shareSpec } from '../runners/open-loop/spec.ts';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Time that moves only when the test says: wakes fire in order of their times. */
class ManualClock implements OpenLoopClock {
  #now = 0;
  readonly #wakes: { at: number; wake: () => void }[] = [];
  now(): number {
    return this.#now;
  }
  wakeAt(atMs: number, wake: () => void): void {
    this.#wakes.push({ at: atMs, wake });
  }
  async advanceTo(ms: number): Promise<void> {
    for (;;) {
      this.#wakes.sort((a, b) => a.at - b.at);
      const next = this.#wakes[0];
      if (next === undefined || next.at > ms) break;
      this.#wakes.shift();
      this.#now = Math.max(this.#now, next.at);
      next.wake();
      await flush();
    }
    this.#now = ms;
    await flush();
  }
}

/** A send the test answers by hand: which indices started, when, and a way to finish each. */
class HeldSends {
  readonly started: number[] = [];
  readonly startedAt: number[] = [];
  readonly #finish = new Map<number, (ok: boolean) => void>();
  constructor(readonly clock: ManualClock) {}
  readonly send = (index: number): Promise<void> => {
    this.started.push(index);
    this.startedAt.push(this.clock.now());
    return new Promise((resolve, reject) => this.#finish.set(index, (ok) => (ok ? resolve() : reject(new Error('failed')))));
  };
  async finish(index: number, ok = true): Promise<void> {
    const finish = this.#finish.get(index);
    assert.ok(finish, `request ${index} was never started`);
    this.#finish.delete(index);
    finish(ok);
    await flush();
  }
  get inFlight(): number {
    return this.#finish.size;
  }
}

function share(offsetsMs: readonly number[], concurrency: number, maxQueue = Number.POSITIVE_INFINITY): OpenLoopShare {
  return {
    indices: Int32Array.from(offsetsMs.map((_, index) => index)),
    offsetsMs: Float64Array.from(offsetsMs),
    epochMs: 1000,
    concurrency,
    maxQueue,
  };
}

describe('runOpenLoop', () => {
  test('arrivals start at their intended times whatever earlier ones do, each once, in order', async () => {
    const clock = new ManualClock();
    const sends = new HeldSends(clock);
    const offsets = [0, 10, 20, 30, 40, 50];
    const run = runOpenLoop(share(offsets, 10), sends.send, clock);
    await clock.advanceTo(999);
    assert.deepEqual(sends.started, [], 'nothing before the epoch');
    // No request answers: an open loop keeps sending anyway (a closed loop would stop at its lanes).
    await clock.advanceTo(1035);
    assert.deepEqual(sends.started, [0, 1, 2, 3]);
    assert.deepEqual(sends.startedAt, [1000, 1010, 1020, 1030]);
    await clock.advanceTo(1050);
    for (const index of [5, 0, 3, 1, 4, 2]) await sends.finish(index);
    const counts = await run;
    assert.deepEqual(sends.started, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(counts, {
      sent: 6,
      dropped: 0,
      expired: 0,
      late: 0,
      queueHighWater: 0,
      lastSentOffsetMs: 50,
    } satisfies OpenLoopCounts);
  });

  test('with every slot busy arrivals wait in order, beyond maxQueue they are dropped, and the high-water is counted', async () => {
    const clock = new ManualClock();
    const sends = new HeldSends(clock);
    const run = runOpenLoop(share([0, 1, 2, 3, 4, 5, 6], 2, 3), sends.send, clock);
    await clock.advanceTo(1006);
    assert.deepEqual(sends.started, [0, 1], 'the limit holds');
    assert.equal(sends.inFlight, 2);
    // 2..4 queue (the bound is 3), 5 and 6 find the queue full.
    await sends.finish(1);
    assert.deepEqual(sends.started, [0, 1, 2], 'a free slot takes the oldest waiting arrival');
    await clock.advanceTo(1020);
    await sends.finish(0);
    await sends.finish(2);
    assert.deepEqual(sends.started, [0, 1, 2, 3, 4]);
    await sends.finish(3);
    await sends.finish(4);
    const counts = await run;
    assert.equal(counts.sent, 5);
    assert.equal(counts.dropped, 2);
    assert.equal(counts.queueHighWater, 3);
    assert.equal(counts.sent + counts.dropped, 7, 'every arrival is sent or dropped, never both');
    // 2 started at 1006 (due 1002), 3 and 4 at 1020: all waited longer than LATE_MS.
    assert.equal(counts.late, 3);
    assert.equal(counts.lastSentOffsetMs, 20);
  });

  test('maxQueue 0 drops every arrival that finds the slots busy; a rejected send still frees its slot', async () => {
    const clock = new ManualClock();
    const sends = new HeldSends(clock);
    const run = runOpenLoop(share([0, 1, 2, 10], 1, 0), sends.send, clock);
    await clock.advanceTo(1005);
    assert.deepEqual(sends.started, [0]);
    await sends.finish(0, false);
    await clock.advanceTo(1010);
    assert.deepEqual(sends.started, [0, 3]);
    await sends.finish(3);
    const counts = await run;
    assert.deepEqual([counts.sent, counts.dropped, counts.queueHighWater], [2, 2, 0]);
  });

  test('after stopAfterMs nothing more starts: what still waits expires, and the run ends', async () => {
    const clock = new ManualClock();
    const sends = new HeldSends(clock);
    const run = runOpenLoop({ ...share([0, 1, 2, 3], 1), stopAfterMs: 50 }, sends.send, clock);
    await clock.advanceTo(1003);
    await sends.finish(0);
    assert.deepEqual(sends.started, [0, 1], 'within the grace a waiting arrival still starts');
    await clock.advanceTo(1060);
    await sends.finish(1);
    const counts = await run;
    assert.deepEqual(sends.started, [0, 1]);
    assert.deepEqual([counts.sent, counts.expired, counts.dropped], [2, 2, 0]);
  });

  test('an empty share ends at once', async () => {
    const counts = await runOpenLoop(share([], 4), () => Promise.resolve(), new ManualClock());
    assert.deepEqual([counts.sent, counts.dropped], [0, 0]);
  });

  test('LATE_MS: a request sent within the timer granularity is on time', async () => {
    const clock = new ManualClock();
    const sends = new HeldSends(clock);
    const run = runOpenLoop(share([0, 5], 1), sends.send, clock);
    await clock.advanceTo(1005);
    await clock.advanceTo(1005 + LATE_MS);
    await sends.finish(0);
    await sends.finish(1);
    assert.equal((await run).late, 0);
  });
});

describe('arrivals', () => {
  test('constant: rate x duration arrivals one gap apart', () => {
    const offsets = arrivalOffsetsMs('constant', 200, 2000, 1);
    assert.equal(offsets.length, 400);
    assert.equal(offsets[1], 5);
    assert.equal(offsets[399], 1995);
  });

  test('poisson: seeded, inside the duration, about rate x duration of them', () => {
    const a = arrivalOffsetsMs('poisson', 1000, 10_000, 7);
    assert.deepEqual(a, arrivalOffsetsMs('poisson', 1000, 10_000, 7), 'the same seed gives the same times');
    assert.notDeepEqual(a, arrivalOffsetsMs('poisson', 1000, 10_000, 8));
    assert.ok(
      a.every((at, i) => at < 10_000 && (i === 0 || at >= (a[i - 1] ?? 0))),
      'ascending, inside the duration',
    );
    // 10,000 expected; the count's standard deviation is 100.
    assert.ok(Math.abs(a.length - 10_000) < 500, `count ${a.length}`);
  });

  test('shares partition the arrivals: every one in exactly one worker, each in order', () => {
    const seen: number[] = [];
    for (let worker = 0; worker < 3; worker += 1) {
      const part = [...shareOfArrivals(10, worker, 3)];
      assert.deepEqual(
        part,
        [...part].sort((x, y) => x - y),
      );
      seen.push(...part);
    }
    assert.deepEqual(
      seen.sort((x, y) => x - y),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.deepEqual([...shareOfArrivals(2, 3, 4)], [], 'a worker past the arrivals gets none');
  });

  test('the queue bound splits over the workers exactly', () => {
    const base = {
      arrivals: 'constant',
      ratePerSecond: 1,
      durationMs: 1,
      seed: 1,
      epochMs: 0,
      maxQueue: 10,
      worker: 0,
      workers: 1,
    } as const;
    assert.deepEqual(
      [0, 1, 2].map((worker) => shareSpec(base, worker, 3).maxQueue),
      [4, 3, 3],
    );
    assert.equal(shareSpec({ ...base, maxQueue: undefined }, 1, 3).maxQueue, undefined);
  });

  test('achievedRate: a run that keeps up scores exactly the offered rate', () => {
    // 400 arrivals at 200/s: the last one at 1995 ms.
    assert.equal(achievedRate(400, 1995, 200), 200);
    assert.ok(achievedRate(400, 2995, 200) < 200 * 0.7);
    assert.equal(achievedRate(0, 0, 200), 0);
  });
});
