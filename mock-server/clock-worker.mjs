// The mock server's clock thread (plain JavaScript, so it starts without a TypeScript loader).
// It sleeps on a futex until the earliest deadline the main thread published, with sub-millisecond precision
// (the event loop's timers have 1 ms granularity), then wakes the main thread with one message. It goes straight
// back to sleep until the deadline after that one, which the main thread published beside it, so the main thread
// need not wake it again after every answer: in a run of deadlines, one wake-up of each thread per deadline. It
// tells the main thread what it sleeps towards (`mode`), so that the main thread wakes it only when a deadline it
// has not announced is earlier than that. It uses no CPU in between. Layout: see CLOCK_SLOTS in clock.ts.
import { parentPort, workerData } from 'node:worker_threads';

const { shared, slots } = workerData;
const times = new Float64Array(shared, slots.timesOffset, 2);
const control = new Int32Array(shared, slots.controlOffset, 4);
const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;
// The deadline last announced, and how many messages the main thread had taken then: a deadline still first after
// the main thread took a message (its clock read a hair earlier) is announced again.
let announced = Number.NaN;
let announcedAtTaken = -1;

while (Atomics.load(control, slots.stopIndex) === 0) {
  const version = Atomics.load(control, slots.versionIndex);
  const taken = Atomics.load(control, slots.takenIndex);
  const next = times[slots.nextIndex];
  const after = times[slots.afterIndex];
  const now = monotonicMs();
  if (next <= now && !(next === announced && taken === announcedAtTaken)) {
    parentPort.postMessage(null);
    announced = next;
    announcedAtTaken = taken;
  }
  const towardsAfter = next === announced && taken === announcedAtTaken;
  const wake = towardsAfter ? after : next;
  if (wake <= now) {
    // The main thread has not taken the last message yet (it runs every deadline due when it does): wait for it.
    Atomics.store(control, slots.modeIndex, slots.waitingForUpdate);
    Atomics.wait(control, slots.versionIndex, version);
  } else {
    Atomics.store(control, slots.modeIndex, towardsAfter ? slots.towardsAfter : slots.towardsNext);
    Atomics.wait(control, slots.versionIndex, version, Number.isFinite(wake) ? wake - now : undefined);
  }
}
