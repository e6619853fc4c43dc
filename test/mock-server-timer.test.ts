import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { monotonicMs } from '../mock-server/clock.ts';
import { DeadlineTimer } from '../mock-server/deadline-timer.ts';

test('the deadline timer runs every callback once, none before its deadline, whatever the order deadlines come in', async () => {
  const timer = new DeadlineTimer();
  try {
    await timer.ready;
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const runs = new Map<number, number>();
    const early: string[] = [];
    const cancelled = new Set<number>();
    // Bursts of deadlines in any order (earlier and later than those pending), equal ones, ones already past, and cancels.
    for (let burst = 0; burst < 20; burst += 1) {
      const base = monotonicMs();
      for (let i = 0; i < 100; i += 1) {
        const id = burst * 100 + i;
        const deadline = i % 10 === 0 ? base - 1 : i % 7 === 0 ? base + 5 : base + random() * 30;
        const call = timer.at(deadline, () => {
          runs.set(id, (runs.get(id) ?? 0) + 1);
          const now = monotonicMs();
          if (now < deadline) early.push(`${id}: ${(deadline - now).toFixed(4)} ms early`);
        });
        if (i % 13 === 0) {
          call.cancel();
          cancelled.add(id);
        }
      }
      await sleep(random() * 4);
    }
    const expected = 2_000 - cancelled.size;
    const deadline = performance.now() + 20_000;
    while (runs.size < expected && performance.now() < deadline) await sleep(10);
    assert.equal(runs.size, expected, 'every callback not cancelled ran');
    assert.ok(
      [...runs.values()].every((count) => count === 1),
      'each once',
    );
    assert.ok(
      [...cancelled].every((id) => !runs.has(id)),
      'no cancelled one ran',
    );
    assert.deepEqual(early, []);
  } finally {
    await timer.close();
  }
});
