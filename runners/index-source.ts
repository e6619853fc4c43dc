/** No index left in the batch. */
export const NO_MORE = -1;

/**
 * Where a lane takes its next request index from. A number when one is at hand (the per-request path stays
 * synchronous), a promise only when it must be fetched from another process.
 */
export interface IndexSource {
  next(): number | Promise<number>;
}

/** Indices 0..requests-1 from one counter on this thread. */
export function localSource(requests: number): IndexSource {
  let next = 0;
  return { next: () => (next < requests ? next++ : NO_MORE) };
}

/** One counter in shared memory: every lane of every worker thread claims the next index with one atomic add. */
export function sharedCounterSource(counter: Int32Array, requests: number): IndexSource {
  return {
    next() {
      const index = Atomics.add(counter, 0, 1);
      return index < requests ? index : NO_MORE;
    },
  };
}

/** A counter in shared memory for one batch, starting at 0. */
export function sharedCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}
