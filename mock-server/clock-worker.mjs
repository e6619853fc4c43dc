// The mock server's clock thread (plain JavaScript, so it starts without a TypeScript loader).
// It sleeps on a futex until the deadline the main thread wrote, with sub-millisecond precision (the event
// loop's timers have 1 ms granularity), then wakes the main thread with one message and waits for it to
// write the next deadline. It uses no CPU in between. Layout: see CLOCK_SLOTS in clock.ts.
import { parentPort, workerData } from 'node:worker_threads';

const { shared, slots } = workerData;
const deadline = new Float64Array(shared, slots.deadlineOffset, 1);
const control = new Int32Array(shared, slots.controlOffset, 2);
const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

while (Atomics.load(control, slots.stopIndex) === 0) {
  const version = Atomics.load(control, slots.versionIndex);
  const remaining = deadline[0] - monotonicMs();
  if (remaining <= 0) {
    parentPort.postMessage(null);
    Atomics.wait(control, slots.versionIndex, version);
  } else {
    Atomics.wait(control, slots.versionIndex, version, Number.isFinite(remaining) ? remaining : undefined);
  }
}
