import { Sema } from 'async-sema';
import pLimit from 'p-limit';
import pMap from 'p-map';
import PQueue from 'p-queue';
import { fixedLimiter } from './fixed.ts';
import type { LimiterFactory } from './types.ts';

// The popular npm packages, each used the way its README shows.

export const pLimitLimiter: LimiterFactory = (options) =>
  fixedLimiter('p-limit', options, async (count, one, limit) => {
    const limited = pLimit(limit);
    // limit(fn, ...args) passes the index through without a closure per request.
    await Promise.all(Array.from({ length: count }, (_, index) => limited(one, index)));
  });

export const pQueueLimiter: LimiterFactory = (options) =>
  fixedLimiter('p-queue', options, async (count, one, limit) => {
    const queue = new PQueue({ concurrency: limit });
    for (let index = 0; index < count; index += 1) void queue.add(() => one(index));
    await queue.onIdle();
  });

export const pMapLimiter: LimiterFactory = (options) =>
  fixedLimiter('p-map', options, async (count, one, limit) => {
    await pMap(
      Array.from({ length: count }, (_, index) => index),
      one,
      { concurrency: limit },
    );
  });

export const asyncSemaLimiter: LimiterFactory = (options) =>
  fixedLimiter('async-sema', options, async (count, one, limit) => {
    const sema = new Sema(limit, { capacity: count });
    const fetchOne = async (index: number): Promise<void> => {
      await sema.acquire();
      try {
        await one(index);
      } finally {
        sema.release();
      }
    };
    await Promise.all(Array.from({ length: count }, (_, index) => fetchOne(index)));
  });
