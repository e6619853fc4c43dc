import type { IndexSource } from '../index-source.ts';
import type { LimitAlgorithm } from './algorithm.ts';
import { NO_MORE, sourceOf } from './pull.ts';
import { ResizableSemaphore } from './semaphore.ts';
import { LimitTrace } from './trace.ts';
import type { AdaptiveLimiterId, Limiter, LimiterOptions, LimitSample, RequestFeedback } from './types.ts';

/**
 * Any adaptive algorithm on one resizable semaphore: a request starts when it gets a permit, and each answer
 * goes to the algorithm, whose new limit resizes the semaphore before the permit is given back.
 */
export class AdaptiveLimiter implements Limiter {
  readonly id: AdaptiveLimiterId;
  readonly #algorithm: LimitAlgorithm;
  readonly #now: () => number;
  readonly #semaphore: ResizableSemaphore;
  readonly #trace = new LimitTrace();

  constructor(id: AdaptiveLimiterId, algorithm: LimitAlgorithm, options: Pick<LimiterOptions, 'now'>) {
    this.id = id;
    this.#algorithm = algorithm;
    this.#now = options.now;
    this.#semaphore = new ResizableSemaphore(algorithm.limit);
  }

  get limit(): number {
    return this.#semaphore.limit;
  }

  trace(): readonly LimitSample[] {
    return this.#trace.samples();
  }

  async run(from: IndexSource | number, one: (index: number) => Promise<RequestFeedback>): Promise<void> {
    const source = sourceOf(from);
    const semaphore = this.#semaphore;
    this.#trace.record(this.#now(), semaphore.limit, semaphore.inUse);
    let active = 0;
    let idle: (() => void) | undefined;
    let failure: { error: unknown } | undefined;
    const settle = (): void => {
      semaphore.release();
      active -= 1;
      if (active === 0) idle?.();
    };
    for (;;) {
      let wait = semaphore.acquire();
      while (wait !== undefined) {
        await wait;
        // The limit may have dropped between the hand-off and now: give the permit back and queue again.
        if (semaphore.inUse <= semaphore.limit) break;
        semaphore.release();
        wait = semaphore.acquire();
      }
      // `one` broke its contract (it must not reject): start nothing more, let the rest finish, then throw.
      // The index is taken only once a permit is held, so a pool worker claims nothing it cannot start.
      const next = failure === undefined ? source.next() : NO_MORE;
      const index = typeof next === 'number' ? next : await next;
      if (index === NO_MORE) {
        semaphore.release();
        break;
      }
      const inFlight = semaphore.inUse;
      this.#algorithm.onStart?.(inFlight, this.#now());
      active += 1;
      one(index).then(
        (feedback) => {
          this.#observe(feedback, inFlight);
          settle();
        },
        (error: unknown) => {
          failure ??= { error };
          settle();
        },
      );
    }
    if (active > 0) {
      await new Promise<void>((resolve) => {
        idle = resolve;
      });
    }
    if (failure !== undefined) throw failure.error;
    this.#trace.record(this.#now(), semaphore.limit, semaphore.inUse);
  }

  #observe(feedback: RequestFeedback, inFlight: number): void {
    const nowMs = this.#now();
    const limit = this.#algorithm.onSample({
      rttMs: feedback.rttMs,
      inFlight,
      backpressure: feedback.backpressure,
      ok: feedback.ok,
      nowMs,
    });
    if (limit !== this.#semaphore.limit) {
      this.#semaphore.setLimit(limit);
      // inFlight still counts the request being answered: its permit goes back right after.
      this.#trace.record(nowMs, limit, this.#semaphore.inUse);
    }
  }
}
