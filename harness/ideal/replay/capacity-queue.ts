const SLOT = 0;
export const QUEUED = 1;
export const FULL = 2;
export type Admission = typeof SLOT | typeof QUEUED | typeof FULL;

/**
 * The server's capacity gate (mock-server/capacity-gate.ts) over attempt ids: at most `capacity` hold a slot,
 * the rest wait in FIFO order, at most `queueLimit` of them. A waiter that leaves is counted out at once
 * (`leave`) and skipped when its turn comes (`stillWaiting` says whether an id still waits).
 */
export class CapacityQueue {
  #capacity: number;
  readonly #queueLimit: number;
  readonly #stillWaiting: (id: number) => boolean;
  #active = 0;
  #waiting = 0;
  #fifo: number[] = [];
  #head = 0;

  constructor(capacity: number | undefined, queueLimit: number | undefined, stillWaiting: (id: number) => boolean) {
    this.#capacity = capacity ?? Infinity;
    this.#queueLimit = queueLimit ?? Infinity;
    this.#stillWaiting = stillWaiting;
  }

  enter(id: number): Admission {
    if (this.#active < this.#capacity) {
      this.#active += 1;
      return SLOT;
    }
    if (this.#waiting >= this.#queueLimit) return FULL;
    this.#fifo.push(id);
    this.#waiting += 1;
    return QUEUED;
  }

  /** Requests holding a slot now. */
  get active(): number {
    return this.#active;
  }

  /** A waiter gave up; the caller marks it so that `stillWaiting` is false for it from now on. */
  leave(): void {
    this.#waiting -= 1;
  }

  /** Frees a slot; returns the waiter that now holds it, or -1. */
  release(): number {
    this.#active -= 1;
    return this.#admitNext();
  }

  /** A phase's capacity takes effect: returns the waiters that now hold a slot (a larger capacity admits them). */
  setCapacity(capacity: number | undefined): number[] {
    this.#capacity = capacity ?? Infinity;
    const admitted: number[] = [];
    while (this.#active < this.#capacity) {
      const id = this.#admitNext(true);
      if (id < 0) break;
      admitted.push(id);
    }
    return admitted;
  }

  /** The next waiter still waiting takes a slot; -1 when none waits. `counted`: the slot is a new one, not a freed one. */
  #admitNext(counted = false): number {
    if (counted) this.#active += 1;
    while (this.#head < this.#fifo.length) {
      const id = this.#fifo[this.#head] ?? -1;
      this.#head += 1;
      if (!this.#stillWaiting(id)) continue;
      this.#waiting -= 1;
      if (!counted) this.#active += 1;
      this.#compact();
      return id;
    }
    if (counted) this.#active -= 1;
    this.#compact();
    return -1;
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#fifo.length) {
      this.#fifo = this.#fifo.slice(this.#head);
      this.#head = 0;
    }
  }
}
