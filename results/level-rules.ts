/**
 * The shares behind every verdict on a level, in bench and tune alike, and quoted by the reports: a level is near
 * the best when it reaches NEAR_BEST of the best goodput; doubling the level is still gaining when it adds
 * STILL_GAINING; an offered rate is sustained when the model sends SUSTAINED_SHARE of it.
 */
export const NEAR_BEST = 0.95;
export const STILL_GAINING = 0.1;
export const SUSTAINED_SHARE = 0.95;
