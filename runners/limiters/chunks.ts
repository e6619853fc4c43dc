import { fixedLimiter } from './fixed.ts';
import { NO_MORE, nextIndex } from './pull.ts';
import type { LimiterFactory, RequestFeedback } from './types.ts';

/**
 * The common hand-written version: `Promise.all` over consecutive chunks of `limit` requests. Each chunk
 * waits for its slowest request, so fewer than `limit` are in flight for much of the time.
 */
export const chunks: LimiterFactory = (options) =>
  fixedLimiter('chunks', options, async (source, one, limit) => {
    for (;;) {
      const chunk: Array<Promise<RequestFeedback>> = [];
      let index = NO_MORE;
      while (chunk.length < limit && (index = await nextIndex(source)) !== NO_MORE) chunk.push(one(index));
      await Promise.all(chunk);
      if (index === NO_MORE) return;
    }
  });
