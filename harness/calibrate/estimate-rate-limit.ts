import jStat from 'jstat';

/** One measured level of a sweep against a rate-limited service. */
export interface RateLimitLevel {
  /** What the sweep varied (in-flight requests or offered rate); levels are ordered by it. */
  readonly level: number;
  /** Responses counted at the level, 429s included. */
  readonly requests: number;
  /** Responses that were 429 Too Many Requests. */
  readonly rateLimited: number;
  /** Responses per second, 429s included. */
  readonly achievedRate: number;
}

interface RateLimitEvidence extends RateLimitLevel {
  /** achievedRate x the share of responses that were not 429: what the limiter let through. */
  readonly successRate: number;
  readonly limitedShare: number;
  /** limitedShare >= minLimitedShare. */
  readonly limited: boolean;
}

export type RateLimitEstimate =
  | {
      readonly kind: 'estimated';
      /** The median successRate of the limited levels. A token bucket lets rate + burst / seconds measured through, so this is a little above the configured rate on short levels. */
      readonly perSecond: number;
      /** The first limited level: 429s began at this achieved rate. */
      readonly onset: { readonly level: number; readonly achievedRate: number };
      /** The last level below the onset without 429s: the limiter let this rate through, so the limit is at least it. */
      readonly lastClean?: { readonly level: number; readonly successRate: number };
      readonly levels: readonly RateLimitEvidence[];
    }
  | {
      /** No level was limited: the limit (if any) is above the highest successful rate. */
      readonly kind: 'not-reached';
      readonly atLeast: number;
      readonly levels: readonly RateLimitEvidence[];
    };

export interface RateLimitOptions {
  /** Share of 429 responses from which a level counts as limited; below it, a few 429s are a burst, not the rate. */
  readonly minLimitedShare: number;
}

const DEFAULT_RATE_LIMIT_OPTIONS: RateLimitOptions = { minLimitedShare: 0.01 };

/**
 * Estimates a service's rate limit from a sweep: at the levels where 429s appeared, the successful responses per
 * second are the limit (the limiter passes exactly its rate and refuses the rest), so the estimate is their
 * median; the onset and the last clean level bracket where the 429s began.
 */
export function estimateRateLimit(
  measured: readonly RateLimitLevel[],
  options: RateLimitOptions = DEFAULT_RATE_LIMIT_OPTIONS,
): RateLimitEstimate {
  const levels = [...measured]
    .sort((a, b) => a.level - b.level)
    .map((level) => {
      const limitedShare = level.requests > 0 ? level.rateLimited / level.requests : 0;
      return {
        ...level,
        successRate: level.achievedRate * (1 - limitedShare),
        limitedShare,
        limited: limitedShare >= options.minLimitedShare,
      };
    });
  const onsetIndex = levels.findIndex((level) => level.limited);
  const onset = levels[onsetIndex];
  if (onset === undefined) return { kind: 'not-reached', atLeast: Math.max(0, ...levels.map((level) => level.successRate)), levels };
  const limitedRates = levels.filter((level) => level.limited).map((level) => level.successRate);
  const lastClean = levels.slice(0, onsetIndex).findLast((level) => level.rateLimited === 0);
  const estimate = {
    kind: 'estimated',
    perSecond: jStat.median(limitedRates),
    onset: { level: onset.level, achievedRate: onset.achievedRate },
    levels,
  } as const;
  return lastClean === undefined ? estimate : { ...estimate, lastClean: { level: lastClean.level, successRate: lastClean.successRate } };
}
