import type { ResponseRecord } from '../http-client.ts';
import type { RequestFeedback } from './types.ts';

/**
 * What a limiter learns from one logical request. Back-pressure is 429, 503 or a timeout, and also any earlier
 * attempt of a retried request (the client retries inside one `get`, so the limiter sees only the end).
 */
export function feedbackOf(record: Pick<ResponseRecord, 'status' | 'errorKind' | 'attempts'>, rttMs: number): RequestFeedback {
  const backpressure =
    record.status === 429 ||
    record.status === 503 ||
    record.errorKind === 'rate_limited' ||
    record.errorKind === 'timeout' ||
    record.attempts > 1;
  return { rttMs, backpressure, ok: record.errorKind === undefined };
}
