import jStat from 'jstat';

/** One measured in-flight level of a closed-loop sweep against the service. */
export interface CapacityLevel {
  /** Requests the client kept in flight. */
  readonly inFlight: number;
  /** Requests per second. */
  readonly throughput: number;
  readonly meanLatencyMs: number;
  /** Median latency (ms). */
  readonly p50: number;
}

/** A level as the estimate judged it. */
export interface CapacityEvidence extends CapacityLevel {
  /** p50 / the smallest p50 of the sweep. */
  readonly latencyRatio: number;
  /** Little's law for a closed loop: inFlight / mean latency. Far above `throughput`, the client did not keep `inFlight` on the wire. */
  readonly littleThroughput: number;
  /** From here on, every level's p50 is more than climbTolerance above the smallest. */
  readonly climbing: boolean;
}

export type CapacityEstimate =
  | {
      readonly kind: 'estimated';
      /** Requests the server serves at once: plateauThroughput x baseLatencyMs (Little's law at the knee). Not rounded. */
      readonly capacity: number;
      /** Mean latency over the levels before the climb: the service time. */
      readonly baseLatencyMs: number;
      /** The highest throughput measured: capacity / service time. */
      readonly plateauThroughput: number;
      /** The last level before the climb and the first level of it: the capacity is usually between them. */
      readonly lastFlatInFlight: number;
      readonly kneeInFlight: number;
      /**
       * Cross-check from the other asymptote: above capacity latency = inFlight x baseLatency / capacity, so
       * baseLatency / the least-squares slope (through 0) of mean latency over inFlight on the climbing levels.
       */
      readonly capacityFromLatencySlope: number;
      readonly levels: readonly CapacityEvidence[];
    }
  | {
      /** Latency never climbed: the capacity is above the highest level (or there is none). */
      readonly kind: 'not-reached';
      readonly atLeast: number;
      readonly baseLatencyMs: number;
      readonly levels: readonly CapacityEvidence[];
    }
  | {
      /** Throughput grew no more than climbTolerance past the lowest level: the server was already (nearly) full there, so its capacity is about that level or below. */
      readonly kind: 'at-most';
      readonly atMost: number;
      readonly levels: readonly CapacityEvidence[];
    };

export interface CapacityOptions {
  /** Relative rise of p50 over the sweep's smallest p50 that counts as climbing (and throughput growth that counts as growth). */
  readonly climbTolerance: number;
}

export const DEFAULT_CAPACITY_OPTIONS: CapacityOptions = { climbTolerance: 0.2 };

/**
 * Estimates a server's capacity (requests served at once) from a closed-loop sweep of in-flight levels.
 * Model: below capacity c every request takes the service time L, so latency is flat and throughput = inFlight / L
 * grows with the level; above it throughput stays at c / L and latency = inFlight x L / c grows linearly.
 * Rule:
 *   1. A level climbs when its p50 exceeds the sweep's smallest p50 by more than climbTolerance (the median, so a
 *      few slow requests do not count as queueing). The knee is the first level from which every level climbs.
 *   2. No knee: 'not-reached', the capacity is at least the highest level.
 *   3. The highest throughput no more than climbTolerance above the lowest level's: 'at-most' the lowest level.
 *   4. Otherwise L = mean latency of the levels before the knee, X = highest throughput, c = X x L, where the two
 *      asymptotes cross. A client that saturates before the server looks the same (its own queue also makes
 *      latency climb); the Little's-law column and the runner's own saturation flag tell them apart.
 * Needs at least 2 levels; throws a RangeError otherwise.
 */
export function estimateCapacity(
  measured: readonly CapacityLevel[],
  options: CapacityOptions = DEFAULT_CAPACITY_OPTIONS,
): CapacityEstimate {
  if (measured.length < 2) throw new RangeError(`Expected at least 2 in-flight levels, got ${measured.length}`);
  const sorted = [...measured].sort((a, b) => a.inFlight - b.inFlight);
  const baseP50 = Math.min(...sorted.map((level) => level.p50));
  const climbs = sorted.map((level) => level.p50 > baseP50 * (1 + options.climbTolerance));
  let knee = sorted.length;
  while (knee > 0 && climbs[knee - 1] === true) knee -= 1;
  const levels = sorted.map((level, index) => ({
    ...level,
    latencyRatio: baseP50 > 0 ? level.p50 / baseP50 : 1,
    littleThroughput: level.meanLatencyMs > 0 ? (level.inFlight / level.meanLatencyMs) * 1000 : Infinity,
    climbing: index >= knee,
  }));
  const flat = sorted.slice(0, knee);
  const climbing = sorted.slice(knee);
  const baseLatencyMs = jStat.mean(flat.map((level) => level.meanLatencyMs));
  const [lowest] = sorted;
  const lastFlat = flat[flat.length - 1];
  const [first] = climbing;
  const highestInFlight = Math.max(...sorted.map((level) => level.inFlight));
  // The smallest p50 never climbs, so `flat` and `lowest` always exist; only `first` is missing, when nothing climbed.
  if (first === undefined || lastFlat === undefined || lowest === undefined)
    return { kind: 'not-reached', atLeast: highestInFlight, baseLatencyMs, levels };
  const plateauThroughput = Math.max(...sorted.map((level) => level.throughput));
  if (plateauThroughput <= lowest.throughput * (1 + options.climbTolerance)) return { kind: 'at-most', atMost: lowest.inFlight, levels };
  const slope =
    climbing.reduce((sum, level) => sum + level.inFlight * level.meanLatencyMs, 0) /
    climbing.reduce((sum, level) => sum + level.inFlight ** 2, 0);
  return {
    kind: 'estimated',
    capacity: (plateauThroughput * baseLatencyMs) / 1000,
    baseLatencyMs,
    plateauThroughput,
    lastFlatInFlight: lastFlat.inFlight,
    kneeInFlight: first.inFlight,
    capacityFromLatencySlope: baseLatencyMs / slope,
    levels,
  };
}
