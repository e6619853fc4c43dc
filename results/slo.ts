/** The p99 a level should stay under unless the user says otherwise: over 20x the mean latency (and at least 100 ms) is queueing, not serving. */
export function defaultSloP99Ms(meanLatencyMs: number): number {
  return Math.max(100, 20 * meanLatencyMs);
}
