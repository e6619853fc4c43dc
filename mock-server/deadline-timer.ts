import FlatQueue from 'flatqueue';
import { Worker } from 'node:worker_threads';
import { CLOCK_SLOTS, monotonicMs } from './clock.ts';

export interface ScheduledCall {
  cancel(): void;
}

const CLOCK_WORKER = new URL('./clock-worker.mjs', import.meta.url);

/**
 * Runs callbacks at absolute deadlines (monotonicMs()), never before and typically within ~0.1 ms after.
 * setTimeout(latency) is late by up to 1-2 ms (1 ms granularity, measured from the loop's cached time), which
 * would make a 16 ms server look like 17.8 ms; one heap of deadlines and a clock thread that sleeps precisely
 * until the earliest one avoid that without spinning the event loop.
 */
export class DeadlineTimer {
  readonly #heap = new FlatQueue<number>();
  readonly #callbacks = new Map<number, () => void>();
  readonly #shared = new SharedArrayBuffer(CLOCK_SLOTS.bytes);
  readonly #deadline = new Float64Array(this.#shared, CLOCK_SLOTS.deadlineOffset, 1);
  readonly #control = new Int32Array(this.#shared, CLOCK_SLOTS.controlOffset, 2);
  #worker: Worker | undefined;
  #nextId = 0;
  /** Resolves once the clock thread runs; deadlines set before then are still honoured, only later. */
  readonly ready: Promise<void>;

  constructor() {
    this.#deadline[0] = Number.POSITIVE_INFINITY;
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
    if (this.#heap.peek() === id) this.#arm(false);
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
    const now = monotonicMs();
    while (this.#heap.length > 0 && (this.#heap.peekValue() ?? Number.POSITIVE_INFINITY) <= now) {
      const id = this.#heap.pop() ?? -1;
      const callback = this.#callbacks.get(id);
      this.#callbacks.delete(id);
      callback?.();
    }
    this.#arm(true);
  }

  /** `acknowledge`: the clock thread woke us and waits for the next deadline even if it is unchanged. */
  #arm(acknowledge: boolean): void {
    const next = this.#heap.peekValue();
    const target = next === undefined ? Number.POSITIVE_INFINITY : next;
    if (!acknowledge && this.#deadline[0] === target) return;
    this.#deadline[0] = target;
    this.#holdProcess();
    Atomics.add(this.#control, CLOCK_SLOTS.versionIndex, 1);
    Atomics.notify(this.#control, CLOCK_SLOTS.versionIndex);
  }

  /** The clock thread keeps the process alive only while a callback is due, like a pending setTimeout. */
  #holdProcess(): void {
    const worker = this.#worker;
    if (!worker) return;
    if (this.#heap.length > 0) worker.ref();
    else worker.unref();
  }
}
