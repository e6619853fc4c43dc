/** Little's law as a check: the requests in flight it finds may differ from the limit by this share. */
export const LITTLE_GAP = 0.1;

/**
 * Little's law read backwards, requests in flight = requests/s x mean time in a slot, checked against what the
 * client should have kept in flight: undefined within LITTLE_GAP, otherwise one phrase saying what it found.
 */
export function littleGap(limit: number, found: number | undefined): string | undefined {
  if (found === undefined || limit <= 0 || Math.abs(found - limit) <= LITTLE_GAP * limit) return undefined;
  const shown = limit.toFixed(limit % 1 === 0 ? 0 : 1);
  const measured = found.toFixed(1);
  return found < limit
    ? `the client did not keep ${shown} in flight: by Little's law it kept ${measured} (requests/s x mean latency)`
    : `by Little's law the client kept ${measured} in flight, more than the ${shown} allowed`;
}
