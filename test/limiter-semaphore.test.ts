import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResizableSemaphore } from '../runners/limiters/semaphore.ts';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('a free permit is taken synchronously, with nothing to await', () => {
  const semaphore = new ResizableSemaphore(2);
  assert.equal(semaphore.acquire(), undefined);
  assert.equal(semaphore.acquire(), undefined);
  assert.equal(semaphore.inUse, 2);
  assert.ok(semaphore.acquire() instanceof Promise);
  assert.equal(semaphore.waiting, 1);
});

test('waiters get permits in FIFO order, handed over on release, with no barging', async () => {
  const semaphore = new ResizableSemaphore(1);
  assert.equal(semaphore.acquire(), undefined);
  const order: number[] = [];
  const waits = [1, 2, 3].map((id) => semaphore.acquire()?.then(() => order.push(id)));
  semaphore.release();
  assert.equal(semaphore.inUse, 1, 'the permit went to the first waiter');
  assert.ok(semaphore.acquire() instanceof Promise, 'a newcomer queues behind the waiters');
  semaphore.release();
  semaphore.release();
  await Promise.all(waits);
  assert.deepEqual(order, [1, 2, 3]);
});

test('raising the limit wakes waiters; lowering it stops hand-overs until the count is below it', async () => {
  const semaphore = new ResizableSemaphore(2);
  semaphore.acquire();
  semaphore.acquire();
  let woken = 0;
  for (let i = 0; i < 4; i += 1) void semaphore.acquire()?.then(() => (woken += 1));
  semaphore.setLimit(4);
  await tick();
  assert.equal(woken, 2);
  assert.equal(semaphore.inUse, 4);
  semaphore.setLimit(2);
  semaphore.release();
  semaphore.release();
  await tick();
  assert.equal(woken, 2, 'still at the new limit: nothing handed over');
  semaphore.release();
  await tick();
  assert.equal(woken, 3);
  assert.equal(semaphore.inUse, 2);
});

test('bad limits and unmatched releases are errors', () => {
  assert.throws(() => new ResizableSemaphore(0), /integer >= 1, got `0`/);
  assert.throws(() => new ResizableSemaphore(1).setLimit(1.5), RangeError);
  assert.throws(() => new ResizableSemaphore(1).release(), /without a matching acquire/);
});

test('a long queue drains in order', async () => {
  const semaphore = new ResizableSemaphore(1);
  semaphore.acquire();
  const order: number[] = [];
  const waits = Array.from({ length: 5_000 }, (_, id) =>
    semaphore.acquire()?.then(() => {
      order.push(id);
      semaphore.release();
    }),
  );
  semaphore.release();
  await Promise.all(waits);
  assert.deepEqual(
    order,
    Array.from({ length: 5_000 }, (_, id) => id),
  );
  assert.equal(semaphore.inUse, 0);
  assert.equal(semaphore.waiting, 0);
});
