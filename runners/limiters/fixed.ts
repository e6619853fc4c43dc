import { LimitTrace } from './trace.ts';
import type { Limiter, LimiterId, LimiterOptions, RequestFeedback } from './types.ts';

export type FixedRun = (count: number, one: (index: number) => Promise<RequestFeedback>, limit: number) => Promise<void>;

/** A limiter whose limit is `max` throughout; its trace holds each run's start and end. */
export function fixedLimiter(id: LimiterId, options: LimiterOptions, body: FixedRun): Limiter {
  const { max, now } = options;
  const trace = new LimitTrace();
  return {
    id,
    limit: max,
    trace: () => trace.samples(),
    async run(count, one) {
      trace.record(now(), max, 0);
      if (count > 0) await body(count, one, max);
      trace.record(now(), max, 0);
    },
  };
}
