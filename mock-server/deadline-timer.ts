import FlatQueue from 'flatqueue';
import { Worker } from 'node:worker_threads';
import { CLOCK_SLOTS, monotonicMs } from './clock.ts';

export interface ScheduledCall {
  cancel(): void;
}

const CLOCK_WORKER = new URL('./clock-worker.mjs', import.meta.url);

/**
 * Runs callbacks at absolute deadlines (monotonicMs()), never before and typically within ~0.1 ms after.
 * setTimeout(latency) fires on the event loop's millisecond clock, up to a millisecond early or late; one heap of
 * deadlines and a clock thread that sleeps precisely until the earliest one avoid that without spinning the
 * event loop. The main thread publishes the earliest deadline and the one after it, so in a run of deadlines
 * the clock thread goes from one to the next by itself: the main thread wakes it only when a new deadline is
 * earlier than the one it sleeps towards (docs/mock-server.md, Punctuality, has the measurements behind this).
 */
export class DeadlineTimer {
  readonly #heap = new FlatQueue<number>();
  readonly #callbacks = new Map<number, () => void>();
  readonly #shared = new SharedArrayBuffer(CLOCK_SLOTS.bytes);
  readonly #times = new Float64Array(this.#shared, CLOCK_SLOTS.timesOffset, 2);
  readonly #control = new Int32Array(this.#shared, CLOCK_SLOTS.controlOffset, 4);
  #worker: Worker | undefined;
  #nextId = 0;
  /** Resolves once the clock thread runs; deadlines set before then are still honoured, only later. */
  readonly ready: Promise<void>;

  constructor() {
    this.#times[CLOCK_SLOTS.nextIndex] = Number.POSITIVE_INFINITY;
    this.#times[CLOCK_SLOTS.afterIndex] = Number.POSITIVE_INFINITY;
    const worker = new Worker(CLOCK_WORKER, { workerData: { shared: this.#shared, slots: CLOCK_SLOTS }, execArgv: [] });
    worker.on('message', () => this.#fire());
    worker.on('error', (error) => process.emitWarning(`mock-server clock thread failed: ${error.message}`));
    this.#worker = worker;
    this.ready = new Promise((resolve) => worker.once('online', () => resolve()));
    void this.ready.then(() => this.#holdProcess());
  }

  at(deadlineMs: number, callback: () => void): ScheduledCall {
    const id = this.#nextId++;
    this.#callbacks.set(id, callback);
    this.#heap.push(id, deadlineMs);
    this.#publish();
    return { cancel: () => void this.#callbacks.delete(id) };
  }

  /** Stops the clock thread; pending callbacks never run. */
  async close(): Promise<void> {
    this.#callbacks.clear();
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    Atomics.store(this.#control, CLOCK_SLOTS.stopIndex, 1);
    Atomics.add(this.#control, CLOCK_SLOTS.versionIndex, 1);
    Atomics.notify(this.#control, CLOCK_SLOTS.versionIndex);
    await worker.terminate();
  }

  #fire(): void {
    let now = monotonicMs();
    while (this.#heap.length > 0 && (this.#heap.peekValue() ?? Number.POSITIVE_INFINITY) <= now) {
      const id = this.#heap.pop() ?? -1;
      const callback = this.#callbacks.get(id);
      this.#callbacks.delete(id);
      callback?.();
      now = monotonicMs();
    }
    Atomics.add(this.#control, CLOCK_SLOTS.takenIndex, 1);
    this.#publish(true);
  }

  /**
   * Tells the clock thread the earliest deadline and the one after it, and wakes it only when it sleeps past the
   * earliest deadline it has not announced yet. `taken`: a message was just taken, so the clock thread, having
   * announced the previous earliest, sleeps towards the one after it, or waits.
   */
  #publish(taken = false): void {
    const heap = this.#heap;
    const next = heap.length > 0 ? (heap.values[0] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    // The heap's second smallest is one of the root's children.
    const left = heap.length > 1 ? (heap.values[1] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    const right = heap.length > 2 ? (heap.values[2] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    const after = Math.min(left, right);
    const times = this.#times;
    const previousNext = times[CLOCK_SLOTS.nextIndex] ?? Number.POSITIVE_INFINITY;
    const previousAfter = times[CLOCK_SLOTS.afterIndex] ?? Number.POSITIVE_INFINITY;
    if (next === previousNext && after === previousAfter && !taken) return;
    times[CLOCK_SLOTS.nextIndex] = next;
    times[CLOCK_SLOTS.afterIndex] = after;
    this.#holdProcess();
    Atomics.add(this.#control, CLOCK_SLOTS.versionIndex, 1);
    // The mode is the clock thread's view of the previous publication (an older view makes its wait return at once).
    const mode = Atomics.load(this.#control, CLOCK_SLOTS.modeIndex);
    let wakeFor: number;
    let sleepsUntil: number;
    if (mode === CLOCK_SLOTS.towardsNext) {
      wakeFor = next;
      sleepsUntil = previousNext;
    } else if (mode === CLOCK_SLOTS.towardsAfter) {
      // It announced previousNext: after a message that one is gone or, still first, due again; else the new
      // earliest or, the earliest unchanged, the one after it.
      wakeFor = taken || next !== previousNext ? next : after;
      sleepsUntil = previousAfter;
    } else {
      wakeFor = next;
      sleepsUntil = Number.POSITIVE_INFINITY;
    }
    if (wakeFor < sleepsUntil) Atomics.notify(this.#control, CLOCK_SLOTS.versionIndex);
  }

  /** The clock thread keeps the process alive only while a callback is due, like a pending setTimeout. */
  #holdProcess(): void {
    const worker = this.#worker;
    if (!worker) return;
    if (this.#heap.length > 0) worker.ref();
    else worker.unref();
  }
}
