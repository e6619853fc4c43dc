import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { NO_MORE, type IndexSource } from '../runners/index-source.ts';
import { decimate, sumSeries } from '../runners/limiters/limit-series.ts';
import { limiters } from '../runners/limiters/registry.ts';
import { LIMITER_IDS, type RequestFeedback } from '../runners/limiters/types.ts';
import { LimiterCache } from '../runners/limiter-cache.ts';

const now = (): number => performance.now();
const OK: RequestFeedback = { rttMs: 1, backpressure: false, ok: true };
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A shared source that answers every third index only after a turn of the loop, as a child's chunk source may. */
function sharedSource(requests: number): IndexSource & { taken: number } {
  const source = {
    taken: 0,
    next(): number | Promise<number> {
      const index = source.taken < requests ? source.taken++ : NO_MORE;
      return index % 3 === 2 ? tick().then(() => index) : index;
    },
  };
  return source;
}

for (const id of LIMITER_IDS) {
  test(`${id}: two limiters sharing one pulling source start each index once, each within its own max`, async () => {
    const requests = 250;
    const source = sharedSource(requests);
    const seen = new Map<number, number>();
    const run = async (max: number): Promise<number> => {
      const limiter = limiters[id]({ max, now });
      let inFlight = 0;
      let peak = 0;
      await limiter.run(source, async (index) => {
        seen.set(index, (seen.get(index) ?? 0) + 1);
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await tick();
        inFlight -= 1;
        return OK;
      });
      assert.equal(inFlight, 0);
      return peak;
    };
    const [peakA, peakB] = await Promise.all([run(5), run(3)]);
    assert.equal(seen.size, requests);
    assert.ok([...seen.values()].every((count) => count === 1));
    assert.ok((peakA ?? 0) <= 5 && (peakB ?? 0) <= 3, `${id}: peaks ${peakA}, ${peakB}`);
  });
}

test('a worker keeps one limiter per level: the same across batches of a level, fresh for the next level', () => {
  const cache = new LimiterCache();
  const a = cache.get({ concurrency: 8, limiter: 'aimd', limiterLevel: 1 });
  assert.equal(cache.get({ concurrency: 8, limiter: 'aimd', limiterLevel: 1 }), a);
  assert.notEqual(cache.get({ concurrency: 8, limiter: 'aimd', limiterLevel: 2 }), a);
  assert.notEqual(cache.get({ concurrency: 8, limiter: 'aimd' }), cache.get({ concurrency: 8, limiter: 'aimd' }));
  assert.equal(cache.get({ concurrency: 8 }).id, 'lanes');
});

test('series: decimation keeps the time-weighted mean; sums add the workers step functions', () => {
  const saw = Array.from({ length: 1_000 }, (_, i) => ({ atMs: i, limit: i % 2 === 0 ? 10 : 20 }));
  const few = decimate(saw, 50, 1_000);
  assert.ok(few.length <= 50);
  assert.ok(few.slice(0, -1).every((point) => Math.abs(point.limit - 15) < 0.5));
  const sum = sumSeries([
    [
      { atMs: 0, limit: 2 },
      { atMs: 10, limit: 4 },
    ],
    [
      { atMs: 5, limit: 3 },
      { atMs: 20, limit: 1 },
    ],
  ]);
  assert.deepEqual(sum, [
    { atMs: 0, limit: 5 },
    { atMs: 5, limit: 5 },
    { atMs: 10, limit: 7 },
    { atMs: 20, limit: 5 },
  ]);
});
