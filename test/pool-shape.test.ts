import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shareTasks, split, workersFor } from '../runners/pool-shape.ts';
import { batchJob } from './support/batch-job.ts';

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

test('never more workers than requests in flight, and the shares keep the batch and the limit exact', () => {
  assert.equal(workersFor(1, 8), 1);
  assert.equal(workersFor(100, 2), 2);
  const tasks = shareTasks(batchJob('http://127.0.0.1:1', 1001, 7), 2);
  assert.equal(
    tasks.reduce((sum, task) => sum + task.plan.requests, 0),
    1001,
  );
  assert.equal(
    tasks.reduce((sum, task) => sum + task.plan.concurrency, 0),
    7,
  );
});
