import { littleGap } from '../../results/little-gap.ts';
import jStat from 'jstat';
import type { ResultWarning } from '../../results/types.ts';
import { MIN_ITERATIONS_FOR_INTERVAL } from './throughput.ts';

/** hyperfine's threshold: a modified z-score above this marks an outlier (Iglewicz and Hoaglin). */
const OUTLIER_Z = 3.5;
/** 0.6745: the modified z-score's scale, so that it reads like a z-score for normal data. */
const MAD_SCALE = 0.6745;
/**
 * An outlier must also lie this far from the median: with five batches within a percent of each other the MAD is
 * tiny, and a batch 3% off would score far above 3.5 while saying nothing about the machine.
 */
const MIN_RELATIVE_DEVIATION = 0.1;

/** Each value's modified z-score, or 0 where it lies within MIN_RELATIVE_DEVIATION of the median. */
function modifiedZScores(values: readonly number[], median: number): number[] {
  const mad = jStat.median(values.map((value) => Math.abs(value - median)));
  return values.map((value) => {
    if (mad === 0 || Math.abs(value - median) <= MIN_RELATIVE_DEVIATION * median) return 0;
    return (MAD_SCALE * (value - median)) / mad;
  });
}

/**
 * What the iterations' walls say about the measurement itself, as hyperfine warns: a first measured batch far
 * slower than the rest (the warm-up was too short), statistical outliers (the machine, not the code, moved them),
 * and too few iterations for an interval. Where each batch's exact ideal is known, the walls are judged over it:
 * a batch that met a slow tail of draws takes long by design, not because the machine moved it.
 */
export function iterationWarnings(measuredMs: readonly number[], idealMs: readonly number[] = []): ResultWarning[] {
  const judged = idealMs.length === measuredMs.length && idealMs.every((ms) => ms > 0);
  const wallMs = judged ? measuredMs.map((ms, index) => ms / (idealMs[index] ?? 1)) : measuredMs;
  const warnings: ResultWarning[] = [];
  if (measuredMs.length < MIN_ITERATIONS_FOR_INTERVAL) {
    warnings.push({
      kind: 'few-iterations',
      message: `${measuredMs.length} measured iteration${measuredMs.length === 1 ? '' : 's'}: no confidence interval below ${MIN_ITERATIONS_FOR_INTERVAL} (raise --iterations)`,
    });
  }
  if (wallMs.length < 3) return warnings;
  const scores = modifiedZScores(wallMs, jStat.median([...wallMs]));
  const [firstScore = 0, ...restScores] = scores;
  if (firstScore > OUTLIER_Z) {
    const rest = jStat.median(measuredMs.slice(1));
    warnings.push({
      kind: 'first-iteration-outlier',
      message: `the first measured batch took ${(measuredMs[0] ?? 0).toFixed(1)} ms against a median of ${rest.toFixed(1)} ms for the rest${judged ? ', beyond what its draws explain' : ''}: the warm-up was too short (raise --warmup)`,
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
export function littleWarning(expected: number, measuredInFlight: number | undefined, limit = expected): ResultWarning | undefined {
  const gap = littleGap(expected, measuredInFlight, limit);
  return gap === undefined ? undefined : { kind: 'little-gap', message: gap };
}
