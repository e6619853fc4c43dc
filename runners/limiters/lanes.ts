import { NO_MORE } from '../index-source.ts';
import { fixedLimiter } from './fixed.ts';
import type { LimiterFactory } from './types.ts';

/**
 * The default: `limit` lanes, each taking the next index as soon as its previous request ends. Nothing is
 * allocated per request beyond what `one` itself allocates.
 */
export const lanes: LimiterFactory = (options) =>
  fixedLimiter('lanes', options, async (source, one, limit) => {
    const lane = async (): Promise<void> => {
      for (;;) {
        const next = source.next();
        const index = typeof next === 'number' ? next : await next;
        if (index === NO_MORE) return;
        await one(index);
      }
    };
    await Promise.all(Array.from({ length: limit }, lane));
  });
