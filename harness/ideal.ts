/**
 * The best wall time a batch can have: with `inFlight` requests at a time, the batch needs
 * ceil(requests / inFlight) rounds of the mean latency (sequential is inFlight = 1: requests x latency).
 */
export function idealWallMs(requests: number, inFlight: number, meanLatencyMs: number): number {
  return Math.ceil(requests / Math.max(1, inFlight)) * meanLatencyMs;
}

export function efficiency(idealMs: number, measuredMs: number): number {
  return measuredMs > 0 ? idealMs / measuredMs : 0;
}
