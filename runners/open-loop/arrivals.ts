import { seededRandom as seeded } from '../../common/seeded-random.ts';
export const ARRIVAL_KINDS = ['constant', 'poisson'] as const;
export type ArrivalKind = (typeof ARRIVAL_KINDS)[number];

/**
 * Intended start times (ms from the start of the run) of every request arriving at `ratePerSecond` for `durationMs`:
 * evenly spaced (constant, as wrk2 paces: exactly rate x duration of them, at least one) or with exponential gaps
 * (poisson, as independent users arrive: every arrival that falls inside the duration, so the count varies), seeded.
 */
export function arrivalOffsetsMs(kind: ArrivalKind, ratePerSecond: number, durationMs: number, seed: number): Float64Array {
  const gapMs = 1000 / ratePerSecond;
  if (kind === 'constant') {
    const count = Math.max(1, Math.floor((ratePerSecond * durationMs) / 1000));
    const offsets = new Float64Array(count);
    for (let i = 0; i < count; i += 1) offsets[i] = i * gapMs;
    return offsets;
  }
  const random = seeded(seed ^ 0x5bd1e995);
  const offsets: number[] = [0];
  // The first arrival opens the run (as the constant pattern's does); the rest follow at exponential gaps.
  for (let at = -Math.log(1 - random()) * gapMs; at < durationMs; at += -Math.log(1 - random()) * gapMs) offsets.push(at);
  return Float64Array.from(offsets);
}

/** The arrivals worker `worker` of `workers` takes: every workers-th one, so each sees the same rate pattern. */
export function shareOfArrivals(total: number, worker: number, workers: number): Int32Array {
  const share = new Int32Array(Math.max(0, Math.ceil((total - worker) / workers)));
  for (let k = 0, index = worker; index < total; k += 1, index += workers) share[k] = index;
  return share;
}
