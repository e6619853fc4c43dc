/** 1, 2, 4, ... up to and including `max` (max itself is the last level even when it is not a power of two). */
export function geometricLevels(max: number, from = 1): number[] {
  const levels: number[] = [];
  for (let level = from; level < max; level *= 2) levels.push(level);
  levels.push(max);
  return levels;
}

/** Pool sizes tried at a fixed total in flight: 1, 2, 4, ... up to the largest allowed, never more workers than requests in flight. */
export function poolSizes(maxPoolSize: number, concurrency: number): number[] {
  return geometricLevels(Math.max(1, Math.min(maxPoolSize, concurrency)));
}

/** Requests per batch: a whole number of rounds per lane, so no lane idles at the end and throughput compares fairly across levels. */
export function requestsFor(concurrency: number, rounds: number): number {
  return concurrency * rounds;
}

/** Rounds per batch so one batch lasts about `targetMs` at the scenario's latency, within [min, max]. */
export function roundsFor(meanLatencyMs: number, targetMs = 300, min = 8, max = 50): number {
  if (meanLatencyMs <= 0) return max;
  return Math.min(max, Math.max(min, Math.ceil(targetMs / meanLatencyMs)));
}

/** The whole number halfway between two levels, or undefined when they are neighbours. */
export function midpoint(low: number, high: number): number | undefined {
  const middle = Math.round((low + high) / 2);
  return middle > low && middle < high ? middle : undefined;
}
