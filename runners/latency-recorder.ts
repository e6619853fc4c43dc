const INITIAL_CAPACITY = 1024;
const MAX_MICROSECONDS = 0xffffffff;

/**
 * Each request's latency in whole microseconds, in the order the answers came: all a measured process records per
 * request (one store in a typed array). The values cross threads and processes as they are, and the orchestrator
 * builds the HDR histogram and every statistic from them (DESIGN principle 14).
 */
export class LatencyRecorder {
  #values = new Uint32Array(INITIAL_CAPACITY);
  #count = 0;

  record(ms: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Uint32Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#count++] = Math.min(MAX_MICROSECONDS, Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.#count;
  }

  /** What was recorded, copied out (the recorder can be reused at once). */
  values(): Uint32Array {
    return this.#values.slice(0, this.#count);
  }

  reset(): void {
    this.#count = 0;
  }
}

/** Several shares' latencies as one array. */
export function concatLatencies(parts: readonly Uint32Array[]): Uint32Array {
  const joined = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
