/**
 * The shares behind every verdict on a level, in bench and tune alike, and quoted by the reports: a level is near
 * the best when it reaches NEAR_BEST of the best goodput; doubling the level is still gaining when it adds
 * STILL_GAINING; an offered rate is sustained when the model sends SUSTAINED_SHARE of it.
 */
export const NEAR_BEST = 0.95;
export const STILL_GAINING = 0.1;
export const SUSTAINED_SHARE = 0.95;

/**
 * The limit rule itself, for bench's levels and tune's settings alike: of the candidates (those that meet the
 * thresholds or the SLO), the smallest by `order` whose goodput is within NEAR_BEST of the best; none without candidates.
 */
export function smallestNearBest<T>(
  candidates: readonly T[],
  goodputOf: (candidate: T) => number,
  order: (a: T, b: T) => number,
): T | undefined {
  if (candidates.length === 0) return undefined;
  const best = Math.max(...candidates.map(goodputOf));
  return candidates.filter((candidate) => goodputOf(candidate) >= NEAR_BEST * best).sort(order)[0];
}
