import { fixedLimiter } from './fixed.ts';
import type { LimiterFactory } from './types.ts';

/** The default: `limit` lanes, each taking the next index as soon as its previous request ends. */
export const lanes: LimiterFactory = (options) =>
  fixedLimiter('lanes', options, async (count, one, limit) => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < count) {
        const index = next;
        next += 1;
        await one(index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  });
