import { AdaptiveLimiter } from './adaptive.ts';
import { AimdLimit } from './aimd.ts';
import type { LimitAlgorithm } from './algorithm.ts';
import { ArcLimit } from './arc.ts';
import { chunks } from './chunks.ts';
import { Gradient2Limit } from './gradient2.ts';
import { lanes } from './lanes.ts';
import { asyncSemaLimiter, pLimitLimiter, pMapLimiter, pQueueLimiter } from './packages.ts';
import type { AdaptiveLimiterId, LimiterFactory, LimiterId, LimiterOptions } from './types.ts';
import { VegasLimit } from './vegas.ts';
import { WINDOWED_DEFAULTS, WindowedLimit } from './windowed.ts';

/** The pure algorithm behind each adaptive limiter, with its defaults and `max` as the ceiling. */
export const algorithms: Readonly<Record<AdaptiveLimiterId, (max: number) => LimitAlgorithm>> = {
  aimd: (max) => new AimdLimit({ max }),
  vegas: (max) => new VegasLimit({ max }),
  // As Netflix's README composes it. A window counts only with `windowSize` answers, so it starts with that
  // many permits: from a limit of 1 it would never move once the RTT exceeded a tenth of the 1 s window.
  gradient2: (max) => new WindowedLimit(new Gradient2Limit({ max, initialLimit: WINDOWED_DEFAULTS.windowSize })),
  arc: (max) => new ArcLimit({ max }),
};

const adaptive =
  (id: AdaptiveLimiterId): LimiterFactory =>
  (options: LimiterOptions) =>
    new AdaptiveLimiter(id, algorithms[id](options.max), options);

/** Every strategy of the limiter dimension, by id. */
export const limiters: Readonly<Record<LimiterId, LimiterFactory>> = {
  lanes,
  chunks,
  'p-limit': pLimitLimiter,
  'p-queue': pQueueLimiter,
  'p-map': pMapLimiter,
  'async-sema': asyncSemaLimiter,
  aimd: adaptive('aimd'),
  vegas: adaptive('vegas'),
  gradient2: adaptive('gradient2'),
  arc: adaptive('arc'),
};
