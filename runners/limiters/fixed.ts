import type { IndexSource } from '../index-source.ts';
import { sourceOf } from './pull.ts';
import { LimitTrace } from './trace.ts';
import type { Limiter, LimiterId, LimiterOptions, RequestFeedback } from './types.ts';

export type FixedRun = (source: IndexSource, one: (index: number) => Promise<RequestFeedback>, limit: number) => Promise<void>;

/** A limiter whose limit is `max` throughout; its trace holds each run's start and end. */
export function fixedLimiter(id: LimiterId, options: LimiterOptions, body: FixedRun): Limiter {
  const { max, now } = options;
  const trace = new LimitTrace();
  return {
    id,
    limit: max,
    trace: () => trace.samples(),
    async run(source, one) {
      trace.record(now(), max, 0);
      if (source !== 0) await body(sourceOf(source), one, max);
      trace.record(now(), max, 0);
    },
  };
}
