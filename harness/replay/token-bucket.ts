/**
 * The server's token bucket (mock-server/token-bucket.ts), same arithmetic, on the replay's clock: it starts
 * full at time 0, refills at `perSecond`, holds at most `burst` tokens.
 */
export class BucketModel {
  readonly #perMs: number;
  readonly #burst: number;
  #tokens: number;
  #updatedMs = 0;

  constructor(perSecond: number, burst: number) {
    this.#perMs = perSecond / 1000;
    this.#burst = burst;
    this.#tokens = burst;
  }

  /** Takes a token: 0 when one was there, else the ms until the next one will be. */
  take(nowMs: number): number {
    this.#tokens = Math.min(this.#burst, this.#tokens + (nowMs - this.#updatedMs) * this.#perMs);
    this.#updatedMs = nowMs;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return (1 - this.#tokens) / this.#perMs;
  }
}

/** The Retry-After the server sends with a 429, in ms: whole seconds until the next token, at least 1. */
export function rateLimitRetryAfterMs(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000)) * 1000;
}
