import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChunkSource, chunkPolicy } from '../runners/chunk-source.ts';
import { NO_MORE } from '../runners/index-source.ts';
import { split } from '../common/even-split.ts';
import { laneTasks, workersFor } from '../runners/pool-layout.ts';
import { testBatch } from './support/test-batch.ts';

test('split spreads a total evenly and keeps the sum', () => {
  assert.deepEqual(split(10, 3), [4, 3, 3]);
  assert.deepEqual(split(2, 4), [1, 1, 0, 0]);
  for (const [total, parts] of [
    [1000, 7],
    [5, 5],
    [0, 2],
  ] as const) {
    assert.equal(
      split(total, parts).reduce((a, b) => a + b, 0),
      total,
    );
  }
});

test('never more workers than requests in flight; lanes keep the limit exact and every worker sees the whole batch', () => {
  assert.equal(workersFor(1, 8), 1);
  assert.equal(workersFor(100, 2), 2);
  const batch = testBatch('http://127.0.0.1:1', 1001, 7);
  const tasks = laneTasks(batch, 2);
  assert.deepEqual(
    tasks.map((task) => task.plan.concurrency),
    [4, 3],
  );
  for (const task of tasks) {
    assert.equal(task.plan.requests, 1001, 'indices are pulled, not split');
    assert.equal(task.plan.stream, batch.stream);
    assert.equal(task.plan.iteration, batch.iteration);
  }
});

test('a child holds at most its lanes beyond those in flight, asks one chunk at a time, and loses no index', async () => {
  for (const lanes of [1, 2, 3, 8]) {
    const requests = 50;
    let next = 0;
    const deal = (count: number) => {
      const from = next;
      const taken = Math.max(0, Math.min(count, requests - from));
      next += taken;
      return { from, count: taken };
    };
    const { chunk } = chunkPolicy(lanes);
    let asks = 0;
    const source: ChunkSource = new ChunkSource(deal(lanes), lanes, () => {
      asks += 1;
      queueMicrotask(() => source.deliver(deal(chunk)));
    });
    const taken: number[] = [];
    const lane = async (): Promise<void> => {
      for (;;) {
        const got = source.next();
        const index = typeof got === 'number' ? got : await got;
        if (index === NO_MORE) return;
        taken.push(index);
        // Dealt but not yet taken by a lane: what this child would keep from the others at the end.
        assert.ok(next - taken.length <= lanes, `${lanes} lanes: holding ${next - taken.length}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    assert.deepEqual(
      taken.sort((a, b) => a - b),
      Array.from({ length: requests }, (_, index) => index),
    );
    assert.ok(asks >= Math.ceil((requests - lanes) / chunk));
  }
});
