import { fixedLimiter } from './fixed.ts';
import type { LimiterFactory, RequestFeedback } from './types.ts';

/**
 * The common hand-written version: `Promise.all` over consecutive chunks of `limit` requests. Each chunk
 * waits for its slowest request, so fewer than `limit` are in flight for much of the time.
 */
export const chunks: LimiterFactory = (options) =>
  fixedLimiter('chunks', options, async (count, one, limit) => {
    for (let start = 0; start < count; start += limit) {
      const end = Math.min(count, start + limit);
      const chunk: Array<Promise<RequestFeedback>> = [];
      for (let index = start; index < end; index += 1) chunk.push(one(index));
      await Promise.all(chunk);
    }
  });
