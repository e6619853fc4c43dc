import { performance } from 'node:perf_hooks';
import type { BatchPlan } from './batch-spec.ts';
import { limiters } from './limiters/registry.ts';
import type { Limiter } from './limiters/types.ts';

const now = (): number => performance.now();

/**
 * The limiters of one worker (thread, process or the main loop), one per level: kept across that level's
 * batches, dropped when a batch of another level arrives. Keyed by the max too, since a pool worker's share
 * of an uneven split may differ from batch to batch.
 */
export class LimiterCache {
  #level: number | undefined;
  readonly #limiters = new Map<string, Limiter>();

  get(plan: Pick<BatchPlan, 'concurrency' | 'limiter' | 'limiterLevel'>): Limiter {
    const id = plan.limiter ?? 'lanes';
    const max = Math.max(1, plan.concurrency);
    if (plan.limiterLevel === undefined) return limiters[id]({ max, now });
    if (plan.limiterLevel !== this.#level) {
      this.#level = plan.limiterLevel;
      this.#limiters.clear();
    }
    const key = `${id}:${max}`;
    let limiter = this.#limiters.get(key);
    if (limiter === undefined) {
      limiter = limiters[id]({ max, now });
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }
}
