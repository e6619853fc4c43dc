import jStat from 'jstat';
import type { ResultWarning } from '../../results/types.ts';
import { MIN_ITERATIONS_FOR_INTERVAL } from './throughput.ts';

/** hyperfine's threshold: a modified z-score above this marks an outlier (Iglewicz and Hoaglin). */
const OUTLIER_Z = 3.5;
/** 0.6745: the modified z-score's scale, so that it reads like a z-score for normal data. */
const MAD_SCALE = 0.6745;

function modifiedZScores(values: readonly number[]): number[] {
  const median = jStat.median([...values]);
  const mad = jStat.median(values.map((value) => Math.abs(value - median)));
  if (mad === 0) return values.map(() => 0);
  return values.map((value) => (MAD_SCALE * (value - median)) / mad);
}

/**
 * What the iterations' walls say about the measurement itself, as hyperfine warns: a first measured batch far
 * slower than the rest (the warm-up was too short), statistical outliers (the machine, not the code, moved them),
 * and too few iterations for an interval.
 */
export function iterationWarnings(wallMs: readonly number[]): ResultWarning[] {
  const warnings: ResultWarning[] = [];
  if (wallMs.length < MIN_ITERATIONS_FOR_INTERVAL) {
    warnings.push({
      kind: 'few-iterations',
      message: `${wallMs.length} measured iteration${wallMs.length === 1 ? '' : 's'}: no confidence interval below ${MIN_ITERATIONS_FOR_INTERVAL} (raise --iterations)`,
    });
  }
  if (wallMs.length < 3) return warnings;
  const scores = modifiedZScores(wallMs);
  const [firstScore = 0, ...restScores] = scores;
  if (firstScore > OUTLIER_Z) {
    const rest = jStat.median(wallMs.slice(1));
    warnings.push({
      kind: 'first-iteration-outlier',
      message: `the first measured batch took ${(wallMs[0] ?? 0).toFixed(1)} ms against a median of ${rest.toFixed(1)} ms for the rest: the warm-up was too short (raise --warmup)`,
    });
  }
  const outliers = restScores.filter((score) => Math.abs(score) > OUTLIER_Z).length;
  if (outliers > 0) {
    warnings.push({
      kind: 'outliers',
      message: `${outliers} of ${wallMs.length} batches were statistical outliers (modified z-score above ${OUTLIER_Z}): other work on the machine may have moved them; rerun on a quieter machine`,
    });
  }
  return warnings;
}

/**
 * Little's law as a check: a closed loop that kept its limit in flight has requests/s x mean time per request near
 * what it should keep (the limit, or what a zero-overhead client keeps when the batch drains a slow tail).
 */
export function littleWarning(expected: number, measuredInFlight: number | undefined): ResultWarning | undefined {
  if (measuredInFlight === undefined || expected <= 0) return undefined;
  if ((expected - measuredInFlight) / expected <= 0.1) return undefined;
  return {
    kind: 'little-gap',
    message: `the client did not keep ${expected.toFixed(expected % 1 === 0 ? 0 : 1)} in flight: by Little's law it kept ${measuredInFlight.toFixed(1)} on average (requests/s x mean time per request)`,
  };
}
