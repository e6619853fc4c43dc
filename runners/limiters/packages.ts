import { fixedLimiter } from './fixed.ts';
import { indicesOf, NO_MORE, nextIndex } from './pull.ts';
import type { LimiterFactory, RequestFeedback } from './types.ts';

// The popular npm packages, each used the way its README shows. The queueing ones (p-limit, p-queue) are fed
// from the source at most one limit ahead of what runs, so a pool worker never claims much of a shared batch.
// Each is imported on its first batch (a level's warm-up): a model host that never uses one does not load it.

export const pLimitLimiter: LimiterFactory = (options) =>
  fixedLimiter('p-limit', options, async (source, one, limit) => {
    const { default: pLimit } = await import('p-limit');
    const limited = pLimit(limit);
    const running: Array<Promise<RequestFeedback>> = [];
    let wake: (() => void) | undefined;
    const woken = (): void => {
      const resolve = wake;
      wake = undefined;
      resolve?.();
    };
    for (let index = await nextIndex(source); index !== NO_MORE; index = await nextIndex(source)) {
      const request = index;
      running.push(limited(() => one(request).finally(woken)));
      if (limited.pendingCount >= limit) await new Promise<void>((resolve) => (wake = resolve));
    }
    await Promise.all(running);
  });

export const pQueueLimiter: LimiterFactory = (options) =>
  fixedLimiter('p-queue', options, async (source, one, limit) => {
    const { default: PQueue } = await import('p-queue');
    const queue = new PQueue({ concurrency: limit });
    for (let index = await nextIndex(source); index !== NO_MORE; index = await nextIndex(source)) {
      const request = index;
      void queue.add(() => one(request));
      // p-queue's README: "avoid adding too many items to the queue" with onSizeLessThan.
      if (queue.size >= limit) await queue.onSizeLessThan(limit);
    }
    await queue.onIdle();
  });

export const pMapLimiter: LimiterFactory = (options) =>
  fixedLimiter('p-map', options, async (source, one, limit) => {
    // p-map pulls the next item from an async iterable only when a slot is free.
    const { default: pMap } = await import('p-map');
    await pMap(indicesOf(source), one, { concurrency: limit });
  });

export const asyncSemaLimiter: LimiterFactory = (options) =>
  fixedLimiter('async-sema', options, async (source, one, limit) => {
    const { Sema } = await import('async-sema');
    const sema = new Sema(limit);
    const running: Array<Promise<RequestFeedback>> = [];
    for (;;) {
      await sema.acquire();
      const index = await nextIndex(source);
      if (index === NO_MORE) {
        sema.release();
        break;
      }
      running.push(one(index).finally(() => sema.release()));
    }
    await Promise.all(running);
  });
