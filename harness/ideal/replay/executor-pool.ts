/** `executors` that run one lane's CPU work each; lanes that find them all busy wait in FIFO order. */
export class ExecutorPool {
  readonly #executors: number;
  // A ring of waiting lanes: a lane waits at most once at a time, so `lanes` places are enough.
  readonly #ring: Int32Array;
  #head = 0;
  #count = 0;
  #busy = 0;

  constructor(executors: number, lanes: number) {
    this.#executors = Math.max(1, executors);
    this.#ring = new Int32Array(Math.max(1, lanes));
  }

  /** True when `lane` got an executor now; else it waits for `release`. */
  acquire(lane: number): boolean {
    if (this.#busy < this.#executors) {
      this.#busy += 1;
      return true;
    }
    this.#ring[(this.#head + this.#count) % this.#ring.length] = lane;
    this.#count += 1;
    return false;
  }

  /** Frees an executor; returns the waiting lane that now holds it, or -1. */
  release(): number {
    if (this.#count === 0) {
      this.#busy -= 1;
      return -1;
    }
    const lane = this.#ring[this.#head] ?? -1;
    this.#head = (this.#head + 1) % this.#ring.length;
    this.#count -= 1;
    return lane;
  }
}
