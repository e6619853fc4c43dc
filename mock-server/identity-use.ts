import { latencyIsDrawn } from './distributions.ts';
import type { ResolvedProfile } from './profile.ts';

/**
 * Whether any answer of this profile depends on the request's identity (x-cb-request): a latency, jitter or fault
 * drawn per request, phases (which begin at a request's index), or the request record. When none does, every
 * request gets the same answer with or without the header, and the client may leave it off: writing and parsing
 * one more header costs several percent of the zero-latency rate (bench:self -- runners, the promise-concurrent
 * comparisons with and without it). Capacity, a rate limit, contention and coherency change answers by what is in
 * service or waiting when a request arrives, never by who sent it: they need no identity.
 */
export function answersDependOnIdentity(profile: ResolvedProfile): boolean {
  const { error, reset, stall } = profile.faults;
  return (
    profile.recordRequests ||
    profile.phases.length > 0 ||
    profile.jitterMs > 0 ||
    error + reset + stall > 0 ||
    latencyIsDrawn(profile.latency)
  );
}
