import { NO_MORE, type IndexSource } from './index-source.ts';

/** A range of a batch's indices handed to a child process: from, from + 1, ..., from + count - 1. */
export interface IndexChunk {
  readonly from: number;
  readonly count: number;
}

/**
 * Chunk size and low-water mark for a child with `lanes` lanes: it holds at most `lanes` indices beyond those
 * in flight (low water - 1 + chunk), so when the batch runs dry no child is left with more than one extra round.
 */
export function chunkPolicy(lanes: number): { readonly chunk: number; readonly lowWater: number } {
  const chunk = Math.max(1, Math.ceil(lanes / 2));
  return { chunk, lowWater: Math.max(1, lanes - chunk + 1) };
}

/**
 * A child process's view of the batch's indices: the chunks the harness hands it, asking for the next one
 * (`ask`) when fewer than the low-water mark are left, so lanes rarely wait on the round trip.
 */
export class ChunkSource implements IndexSource {
  readonly #ask: () => void;
  readonly #lowWater: number;
  #from = 0;
  #to = 0;
  readonly #queued: IndexChunk[] = [];
  #asked = false;
  #done = false;
  readonly #waiting: ((index: number) => void)[] = [];

  constructor(first: IndexChunk, lanes: number, ask: () => void) {
    this.#ask = ask;
    this.#lowWater = chunkPolicy(lanes).lowWater;
    this.#from = first.from;
    this.#to = first.from + first.count;
    if (first.count === 0) this.#done = true;
  }

  next(): number | Promise<number> {
    if (this.#from >= this.#to) {
      const queued = this.#queued.shift();
      if (queued) {
        this.#from = queued.from;
        this.#to = queued.from + queued.count;
      }
    }
    if (this.#from < this.#to) {
      const index = this.#from++;
      this.#refill();
      return index;
    }
    if (this.#done) return NO_MORE;
    this.#request();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** The harness's answer to `ask`: a chunk, or an empty one when the batch has no index left. */
  deliver(chunk: IndexChunk): void {
    this.#asked = false;
    if (chunk.count === 0) {
      this.#done = true;
      for (const resolve of this.#waiting.splice(0)) resolve(NO_MORE);
      return;
    }
    let from = chunk.from;
    const to = chunk.from + chunk.count;
    while (from < to) {
      const resolve = this.#waiting.shift();
      if (!resolve) break;
      resolve(from++);
    }
    if (from < to) {
      if (this.#from < this.#to) this.#queued.push({ from, count: to - from });
      else {
        this.#from = from;
        this.#to = to;
      }
    }
    if (this.#waiting.length > 0) this.#request();
    else this.#refill();
  }

  #refill(): void {
    let left = this.#to - this.#from;
    for (const queued of this.#queued) left += queued.count;
    if (left < this.#lowWater && !this.#done) this.#request();
  }

  #request(): void {
    if (this.#asked) return;
    this.#asked = true;
    this.#ask();
  }
}
