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

/** One step of the sweep, from a level to the next one up. */
export interface CapacityStep {
  readonly from: number;
  readonly to: number;
  /** throughput(to) / throughput(from). */
  readonly growth: number;
  /**
   * The share of perfect scaling's gain that the step got: (X_to - X_from) / (X_from (to / from - 1)). 1 when
   * throughput grew as much as the requests in flight did (doubled on a doubling), 0 when it did not grow.
   */
  readonly scaling: number;
}

export type CapacityEstimate =
  | {
      readonly kind: 'estimated';
      /** Requests the server serves at once: plateauThroughput x baseLatencyMs (Little's law on the plateau). Not rounded. */
      readonly capacity: number;
      /** Mean latency over the levels below the knee: the service time before any queueing. */
      readonly baseLatencyMs: number;
      /** The highest throughput measured: capacity / service time. */
      readonly plateauThroughput: number;
      /** The last level that throughput scaled into; past it, it stopped growing. */
      readonly kneeInFlight: number;
      /** The step from the knee to the next level up: the first of the steps that gained less than minStepScaling. */
      readonly pastKnee: CapacityStep;
      /** The step into the knee, which still scaled. */
      readonly intoKnee: CapacityStep;
      /**
       * Cross-check from the other asymptote: above capacity latency = inFlight x baseLatency / capacity, so
       * baseLatency / the least-squares slope (through 0) of mean latency over inFlight on the levels past the knee.
       */
      readonly capacityFromLatencySlope: number;
      readonly steps: readonly CapacityStep[];
    }
  | {
      /** Throughput still grew on the last step: the capacity is above the highest level (or there is none). */
      readonly kind: 'not-reached';
      readonly atLeast: number;
      readonly baseLatencyMs: number;
      readonly steps: readonly CapacityStep[];
    }
  | {
      /** Throughput hardly grew from the lowest level on: the server was already (nearly) full there. */
      readonly kind: 'at-most';
      readonly atMost: number;
      readonly steps: readonly CapacityStep[];
    };

export interface CapacityOptions {
  /** A step that gets less than this share of perfect scaling's gain did not scale (see CapacityStep.scaling). */
  readonly minStepScaling: number;
}

/**
 * Half: with doubling levels a and 2a and a capacity c between them, the step a -> 2a gets (c - a) / a, so the knee
 * lands on a below c = 1.5 a and on 2a above it: on the measured level nearest the capacity.
 */
const DEFAULT_CAPACITY_OPTIONS: CapacityOptions = { minStepScaling: 0.5 };

function stepsOf(sorted: readonly CapacityLevel[]): CapacityStep[] {
  return sorted.flatMap((from, index) => {
    const to = sorted[index + 1];
    if (to === undefined) return [];
    const growth = from.throughput > 0 ? to.throughput / from.throughput : Number.POSITIVE_INFINITY;
    return [{ from: from.inFlight, to: to.inFlight, growth, scaling: (growth - 1) / (to.inFlight / from.inFlight - 1) }];
  });
}

/**
 * Estimates a server's capacity (requests served at once) from a closed-loop sweep of in-flight levels.
 * Model: below capacity c every request takes the service time L, so throughput = inFlight / L grows with the
 * level; above it throughput stays at c / L and only latency grows (inFlight x L / c).
 * Rule, on throughput alone (a median latency from a few dozen requests moves by 20% or more between levels):
 *   1. Each step up gets a share of perfect scaling's gain (CapacityStep.scaling). The knee is the level from which
 *      every step up gets less than minStepScaling; a step that more than doubled throughput on a doubling of the
 *      level is never past a knee.
 *   2. The last step still scaled: 'not-reached', the capacity is at least the highest level.
 *   3. No step from the lowest level on scaled: 'at-most' the lowest level.
 *   4. Otherwise L = mean latency of the levels below the knee, X = the highest throughput, c = X x L, where the
 *      two asymptotes cross. A client that saturates before the server looks the same; the runner's own
 *      saturation flag tells them apart.
 * Needs at least 2 levels; throws a RangeError otherwise.
 */
export function estimateCapacity(
  measured: readonly CapacityLevel[],
  options: CapacityOptions = DEFAULT_CAPACITY_OPTIONS,
): CapacityEstimate {
  if (measured.length < 2) throw new RangeError(`Expected at least 2 in-flight levels, got ${measured.length}`);
  const sorted = [...measured].sort((a, b) => a.inFlight - b.inFlight);
  const steps = stepsOf(sorted);
  let knee = steps.length;
  while (knee > 0 && (steps[knee - 1]?.scaling ?? 0) < options.minStepScaling) knee -= 1;
  const below = sorted.slice(0, Math.max(1, knee));
  const baseLatencyMs = jStat.mean(below.map((level) => level.meanLatencyMs));
  const highestInFlight = Math.max(...sorted.map((level) => level.inFlight));
  const [lowest] = sorted;
  const kneeLevel = sorted[knee];
  const intoKnee = steps[knee - 1];
  const pastKnee = steps[knee];
  // With at least 2 levels, `lowest` always exists; `pastKnee` is missing when every step scaled, `intoKnee` when none did.
  if (pastKnee === undefined || lowest === undefined || kneeLevel === undefined)
    return { kind: 'not-reached', atLeast: highestInFlight, baseLatencyMs, steps };
  if (intoKnee === undefined) return { kind: 'at-most', atMost: lowest.inFlight, steps };
  const past = sorted.slice(knee + 1);
  const plateauThroughput = Math.max(...sorted.map((level) => level.throughput));
  const slope =
    past.reduce((sum, level) => sum + level.inFlight * level.meanLatencyMs, 0) / past.reduce((sum, level) => sum + level.inFlight ** 2, 0);
  return {
    kind: 'estimated',
    capacity: (plateauThroughput * baseLatencyMs) / 1000,
    baseLatencyMs,
    plateauThroughput,
    kneeInFlight: kneeLevel.inFlight,
    intoKnee,
    pastKnee,
    capacityFromLatencySlope: baseLatencyMs / slope,
    steps,
  };
}
