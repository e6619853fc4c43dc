import type { RetryPolicy } from './client-config.ts';

/** Retry-After is either delay-seconds or an HTTP date; returns milliseconds, or undefined if unreadable. */
export function parseRetryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: `random` in [0, 1) scales min(max, base x 2^retry). */
export function backoffMs(retry: number, policy: RetryPolicy, random: number): number {
  return random * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/**
 * Delay before retry number `retry` (0 = first retry): the server's Retry-After when it sent one and the
 * policy honours it (capped), else the jittered exponential backoff.
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  retryAfter: string | undefined,
  random: () => number = Math.random,
): number {
  const asked = policy.honourRetryAfter ? parseRetryAfterMs(retryAfter) : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxRetryAfterMs);
  return backoffMs(retry, policy, random());
}

const JITTER_SALT = 0x5bd1e995;

// murmur3's finaliser over one more 32-bit word: cheap, and every input bit reaches every output bit.
function mix(hash: number, word: number): number {
  let h = Math.imul(hash ^ word, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The jitter draw in [0, 1) for retry `retry` (0 = first retry) of one request, from the run's seed and the
 * request's identity: the client and the exact-ideal replay compute the same backoff for the same request.
 */
export function jitterRandom(seed: number, stream: number, iteration: number, index: number, retry: number): number {
  const hash = mix(mix(mix(mix(mix(JITTER_SALT, seed), stream), iteration), index), retry);
  return (hash >>> 0) / 4294967296;
}
