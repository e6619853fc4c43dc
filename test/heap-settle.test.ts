import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settleHeap } from '../runners/host/heap-settle.ts';

const MIB = 1024 * 1024;

test('settleHeap collects a heap that grew by more than 32 MiB since it was last collected, and keeps what is live', () => {
  settleHeap();
  const live = Array.from({ length: 1000 }, (_, index) => ({ index }));
  // 64 arrays of 1 MiB, held while the heap is read, so no collection can have freed them before settleHeap runs.
  let held: number[][] | undefined = Array.from({ length: 64 }, () => new Array<number>(128 * 1024).fill(0.5));
  const grown = process.memoryUsage().heapUsed;
  assert.equal(held.length, 64);
  held = undefined;
  settleHeap();
  const settled = process.memoryUsage().heapUsed;
  assert.ok(settled < grown - 32 * MIB, `heap ${(grown / MIB).toFixed(1)} MiB before, ${(settled / MIB).toFixed(1)} MiB after`);
  assert.equal(live[999]?.index, 999);
});
