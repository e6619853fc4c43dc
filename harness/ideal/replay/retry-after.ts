/** The Retry-After the server sends with a 429, in ms: whole seconds until the next token, at least 1. */
export function rateLimitRetryAfterMs(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000)) * 1000;
}
