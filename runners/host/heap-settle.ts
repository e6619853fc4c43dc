import v8 from 'node:v8';
import vm from 'node:vm';

// The flag exposes gc() to contexts created after it is set; the main process runs without --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Garbage the main heap may hold when a batch starts before it is collected first. */
const SETTLE_ABOVE_BYTES = 32 * 1024 * 1024;
// V8's own figure: process.memoryUsage() also reads RSS from /proc/self/statm, which throws EMFILE once a level at
// tens of thousands in flight has used up the file descriptors.
const heapUsed = (): number => v8.getHeapStatistics().used_heap_size;
let heapAfterLastCollection = heapUsed();

/**
 * Called just before a timed batch starts: when the main heap has grown by more than 32 MiB since it was last
 * collected, collect it now, outside the timed window. Otherwise a batch pays, in time and in peak RSS, for the
 * garbage of the batch, level or model before it and of the harness's own bookkeeping: at 10,000 in flight the
 * previous batch's promoted request objects alone lifted the next batch's peak RSS from 276 to 423 MiB.
 * Worker threads and child processes keep their own heaps, as a long-lived pool would.
 */
export function settleHeap(): void {
  if (heapUsed() - heapAfterLastCollection <= SETTLE_ABOVE_BYTES) return;
  collectGarbage();
  heapAfterLastCollection = heapUsed();
}
