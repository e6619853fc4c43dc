import { setTimeout as sleep } from 'node:timers/promises';

/** Longest Retry-After pause honoured, so a hostile header cannot park the run. */
const MAX_PAUSE_MS = 60_000;

/**
 * A token bucket of one token refilled at `perSecond`: every take() waits for the next free send slot, so the
 * lanes of one client together never send faster than the cap. pause() pushes every slot past a Retry-After.
 */
export class RateCap {
  readonly #intervalMs: number;
  #nextAt = 0;

  constructor(perSecond: number) {
    this.#intervalMs = 1000 / perSecond;
  }

  async take(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.#nextAt);
    this.#nextAt = at + this.#intervalMs;
    if (at > now) await sleep(at - now);
  }

  pause(ms: number): void {
    this.#nextAt = Math.max(this.#nextAt, performance.now() + Math.min(ms, MAX_PAUSE_MS));
  }
}
