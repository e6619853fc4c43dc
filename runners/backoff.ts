import type { RetryPolicy } from './client-config.ts';

/** Retry-After is either delay-seconds or an HTTP date; returns milliseconds, or undefined if unreadable. */
export function parseRetryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (0 = first retry): exponential backoff with full jitter
 * (uniform in [0, min(max, base x 2^retry)]), or the server's Retry-After when it sent one.
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  retryAfter: string | undefined,
  random: () => number = Math.random,
): number {
  const asked = policy.honourRetryAfter ? parseRetryAfterMs(retryAfter) : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxRetryAfterMs);
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}
