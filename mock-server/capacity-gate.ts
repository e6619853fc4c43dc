export interface GateTicket {
  /** True while the request waits for a slot. */
  readonly waiting: boolean;
  /** Leaves the queue (the client gave up); does nothing once the slot was granted. */
  cancel(): void;
}

const GRANTED: GateTicket = { waiting: false, cancel: () => {} };

/** Whoever waits for a slot (an object rather than a callback: no closure per request on the hot path). */
export interface SlotHolder {
  onSlot(): void;
}

interface Waiter {
  readonly holder: SlotHolder;
  cancelled: boolean;
  waiting: boolean;
}

/**
 * At most `capacity` requests hold a slot at once (unlimited when undefined); the rest wait in FIFO order,
 * at most `queueLimit` of them (unlimited when undefined). A saturated backend, in one object.
 */
export class CapacityGate {
  #capacity: number | undefined;
  readonly queueLimit: number | undefined;
  #active = 0;
  #waiting = 0;
  #queue: (Waiter | undefined)[] = [];
  #head = 0;

  constructor(capacity: number | undefined, queueLimit: number | undefined) {
    this.#capacity = capacity;
    this.queueLimit = queueLimit;
  }

  get capacity(): number | undefined {
    return this.#capacity;
  }

  /** A new capacity (a phase began): more slots admit waiters now; fewer take effect as slots free up. */
  setCapacity(capacity: number | undefined): void {
    this.#capacity = capacity;
    while (this.#admitNext()) {}
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting;
  }

  /** Calls `holder.onSlot()` now or when a slot frees up; returns undefined (and never calls it) when the queue is full. */
  enter(holder: SlotHolder): GateTicket | undefined {
    if (this.#capacity === undefined || this.#active < this.#capacity) {
      this.#active += 1;
      holder.onSlot();
      return GRANTED;
    }
    if (this.queueLimit !== undefined && this.#waiting >= this.queueLimit) return undefined;
    const waiter: Waiter = { holder, cancelled: false, waiting: true };
    this.#queue.push(waiter);
    this.#waiting += 1;
    return {
      get waiting() {
        return waiter.waiting;
      },
      cancel: () => {
        if (!waiter.waiting || waiter.cancelled) return;
        waiter.cancelled = true;
        waiter.waiting = false;
        this.#waiting -= 1;
      },
    };
  }

  /** Frees the caller's slot and hands it to the next waiter, if any. */
  release(): void {
    this.#active -= 1;
    this.#admitNext();
  }

  /** Hands a free slot to the next waiter; false when there is no free slot or no waiter. */
  #admitNext(): boolean {
    if (this.#capacity !== undefined && this.#active >= this.#capacity) return false;
    while (this.#head < this.#queue.length) {
      const next = this.#queue[this.#head];
      this.#queue[this.#head] = undefined;
      this.#head += 1;
      if (!next || next.cancelled) continue;
      next.waiting = false;
      this.#waiting -= 1;
      this.#active += 1;
      this.#compact();
      next.holder.onSlot();
      return true;
    }
    this.#compact();
    return false;
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
