import jStat from 'jstat';

/** Fewer iterations than this give no confidence interval: t at 1-3 degrees of freedom makes it meaningless. */
export const MIN_ITERATIONS_FOR_INTERVAL = 5;

/** Requests per second of one row, in the form principle 12 asks for. */
export interface ThroughputStats {
  /** Requests per batch / mean wall time: the total work over the total time, not the mean of per-batch rates. */
  readonly mean: number;
  /** Sample standard deviation (n - 1) of the per-iteration throughputs N / wall; 0 with one iteration. */
  readonly stdev: number;
  /**
   * 95% interval: the mean +- t(0.975, n - 1) x stdev / sqrt(n) of the per-iteration throughputs, the lower end
   * cut at 0; undefined below MIN_ITERATIONS_FOR_INTERVAL iterations.
   */
  readonly ci95: readonly [number, number] | undefined;
  /** The fastest batch's throughput: what the setting can do when nothing else on the host disturbs it. */
  readonly best: number;
  /** Iterations. */
  readonly n: number;
}

function interval(mean: number, stdev: number, n: number): readonly [number, number] | undefined {
  if (n < MIN_ITERATIONS_FOR_INTERVAL) return undefined;
  const halfWidth = (jStat.studentt.inv(0.975, n - 1) * stdev) / Math.sqrt(n);
  return [Math.max(0, mean - halfWidth), mean + halfWidth];
}

function spread(values: readonly number[]): number {
  return values.length < 2 ? 0 : jStat.stdev(values, true);
}

/**
 * Throughput of a row from the requests per batch and the wall time of every iteration (ms, each > 0).
 * The interval is centred on `mean` (so it always holds the figure printed beside it); its width comes from the
 * spread of the per-iteration throughputs, which for small spreads is the delta-method width of N / mean(wall).
 */
export function throughputFromWalls(requestsPerBatch: number, wallMs: readonly number[]): ThroughputStats {
  if (wallMs.length === 0) throw new RangeError('Expected at least one iteration, got none');
  const perIteration = wallMs.map((ms) => (requestsPerBatch / ms) * 1000);
  const mean = (requestsPerBatch / jStat.mean(wallMs)) * 1000;
  const stdev = spread(perIteration);
  return { mean, stdev, ci95: interval(mean, stdev, perIteration.length), best: Math.max(...perIteration), n: perIteration.length };
}

/**
 * The same statistics from per-iteration throughputs (requests/s, each > 0) when the batch size is not at hand:
 * with equal batches N / mean(wall) is the harmonic mean of the per-iteration throughputs.
 */
export function throughputFromRates(perIteration: readonly number[]): ThroughputStats {
  if (perIteration.length === 0) throw new RangeError('Expected at least one iteration, got none');
  const mean = 1 / jStat.mean(perIteration.map((rate) => 1 / rate));
  const stdev = spread(perIteration);
  return { mean, stdev, ci95: interval(mean, stdev, perIteration.length), best: Math.max(...perIteration), n: perIteration.length };
}

/**
 * Goodput of a row: requests answered per batch over the batch's wall, per iteration (`answered[i]` in `wallMs[i]`
 * ms), and overall the mean answered over the mean wall, so it agrees with the Time column as throughputFromWalls
 * does. A batch in which nothing answered counts as 0.
 */
export function goodputFromCounts(answered: readonly number[], wallMs: readonly number[]): ThroughputStats {
  if (wallMs.length === 0 || answered.length !== wallMs.length) {
    throw new RangeError(`Expected one answered count per iteration, got ${answered.length} for ${wallMs.length}`);
  }
  const perIteration = wallMs.map((ms, index) => ((answered[index] ?? 0) / ms) * 1000);
  const mean = (jStat.mean([...answered]) / jStat.mean([...wallMs])) * 1000;
  const stdev = spread(perIteration);
  return { mean, stdev, ci95: interval(mean, stdev, perIteration.length), best: Math.max(...perIteration), n: perIteration.length };
}
