import { fixedLimiter } from './fixed.ts';
import { NO_MORE, nextIndex } from './pull.ts';
import type { LimiterFactory, RequestFeedback } from './types.ts';

/**
 * The common hand-written version: `Promise.all` over consecutive chunks of `limit` requests. Each chunk
 * waits for its slowest request, so fewer than `limit` are in flight for much of the time.
 */
export const chunks: LimiterFactory = (options) =>
  fixedLimiter('chunks', options, async (source, one, limit) => {
    let ended = false;
    while (!ended) {
      const chunk: Array<Promise<RequestFeedback>> = [];
      while (chunk.length < limit) {
        const index = await nextIndex(source);
        if (index === NO_MORE) {
          ended = true;
          break;
        }
        chunk.push(one(index));
      }
      await Promise.all(chunk);
    }
  });
