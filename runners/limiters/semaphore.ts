/**
 * A counting semaphore whose limit can move while permits are out. Lowering the limit never cancels holders:
 * releases simply stop handing permits on until the count is below the new limit. Waiters are served in
 * FIFO order and a free permit is handed to the oldest waiter directly, so nobody barges past the queue.
 */
export class ResizableSemaphore {
  #limit: number;
  #inUse = 0;
  #waiters: Array<(() => void) | undefined> = [];
  #head = 0;

  constructor(limit: number) {
    this.#limit = checkedLimit(limit);
  }

  get limit(): number {
    return this.#limit;
  }

  get inUse(): number {
    return this.#inUse;
  }

  get waiting(): number {
    return this.#waiters.length - this.#head;
  }

  /** undefined when a permit was free (taken at once, nothing allocated); else a promise of the permit. */
  acquire(): Promise<void> | undefined {
    if (this.#inUse < this.#limit && this.#head === this.#waiters.length) {
      this.#inUse += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
    });
  }

  release(): void {
    if (this.#inUse === 0) throw new Error('release() without a matching acquire()');
    this.#inUse -= 1;
    this.#handOn();
  }

  setLimit(limit: number): void {
    this.#limit = checkedLimit(limit);
    this.#handOn();
  }

  #handOn(): void {
    while (this.#inUse < this.#limit && this.#head < this.#waiters.length) {
      const resolve = this.#waiters[this.#head];
      this.#waiters[this.#head] = undefined;
      this.#head += 1;
      this.#inUse += 1;
      resolve?.();
    }
    if (this.#head === this.#waiters.length) {
      this.#waiters.length = 0;
      this.#head = 0;
    } else if (this.#head > 1_024 && this.#head * 2 > this.#waiters.length) {
      this.#waiters.splice(0, this.#head);
      this.#head = 0;
    }
  }
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Expected \`limit\` to be an integer >= 1, got \`${limit}\``);
  return limit;
}
