/**
 * One of N disjoint shares of a run (k6's execution segments): segment `index` (1-based) of `count` sends the batch
 * identities index-1, index-1+count, index-1+2*count, ... so N segments together send each identity of one whole run
 * exactly once, and every segment meets a fair slice of the server's draws (phases by index included).
 */
export interface Segment {
  readonly index: number;
  readonly count: number;
}

/** How many of a whole batch's `requests` identities fall to the segment. */
export function segmentRequests(requests: number, segment: Segment): number {
  const offset = segment.index - 1;
  return offset >= requests ? 0 : Math.floor((requests - 1 - offset) / segment.count) + 1;
}

/** The identity index of the segment's `local`-th request. */
export function segmentIndex(local: number, segment: Segment | undefined): number {
  return segment === undefined ? local : local * segment.count + segment.index - 1;
}
