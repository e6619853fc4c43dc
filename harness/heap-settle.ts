import v8 from 'node:v8';
import vm from 'node:vm';

// The flag exposes gc() to contexts created after it is set; the main process runs without --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Garbage the main heap may hold when a batch starts before it is collected first. */
const SETTLE_ABOVE_BYTES = 32 * 1024 * 1024;
let heapAfterLastCollection = process.memoryUsage().heapUsed;

/**
 * Called just before a timed batch starts: when the main heap has grown by more than 32 MiB since it was last
 * collected, collect it now, outside the timed window. Otherwise a batch pays, in time and in peak RSS, for the
 * garbage of the batch, level or model before it and of the harness's own bookkeeping: at 10,000 in flight the
 * previous batch's promoted request objects alone lifted the next batch's peak RSS from 276 to 423 MiB.
 * Worker threads and child processes keep their own heaps, as a long-lived pool would.
 */
export function settleHeap(): void {
  if (process.memoryUsage().heapUsed - heapAfterLastCollection <= SETTLE_ABOVE_BYTES) return;
  collectGarbage();
  heapAfterLastCollection = process.memoryUsage().heapUsed;
}
