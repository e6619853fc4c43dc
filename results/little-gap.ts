/** Little's law as a check: the requests in flight it finds may differ from the limit by this share. */
export const LITTLE_GAP = 0.1;

/**
 * Little's law read backwards, requests in flight = requests/s x mean time in a slot, checked against what the
 * client should have kept in flight (`expected`) and the most it may keep (`limit`, the same unless a zero-overhead
 * client would keep fewer): undefined within LITTLE_GAP, otherwise one phrase saying what it found. Between the two
 * is no gap: where the ideal keeps 2 of a limit of 4 (CPU work on one event loop), requests that wait for the loop
 * in their slots are the model's own, not a client that broke its limit.
 */
export function littleGap(expected: number, found: number | undefined, limit = expected): string | undefined {
  if (found === undefined || expected <= 0) return undefined;
  const measured = found.toFixed(1);
  if (found < expected * (1 - LITTLE_GAP)) {
    return `the client did not keep ${shown(expected)} in flight: by Little's law it kept ${measured} (requests/s x mean latency)`;
  }
  if (found > limit * (1 + LITTLE_GAP)) {
    return `by Little's law the client kept ${measured} in flight, more than the ${shown(limit)} allowed`;
  }
  return undefined;
}

function shown(count: number): string {
  return count.toFixed(count % 1 === 0 ? 0 : 1);
}
