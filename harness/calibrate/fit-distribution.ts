import jStat from 'jstat';
import { fitFixed, fitLognormal, fitNormal, fitPareto } from './families.ts';
import { DEFAULT_FIT_OPTIONS, type FamilyFit, type FitOptions, type LatencyFit, type SkippedFamily } from './fit-types.ts';
import { ksCriticalValue } from './ks.ts';

function formatDistance(distance: number): string {
  return distance.toFixed(3);
}

/**
 * Fits latency samples (ms, at least 2) by maximum likelihood with each of fixed, normal, lognormal and pareto,
 * measures every fit's KS distance to the samples, and chooses one:
 *   - `fixed` when the coefficient of variation is below `fixedTolerance` (2%): a spread that small is host
 *     jitter, and a fixed latency is then the useful description (a step CDF is always far from jittered samples
 *     by KS, so fixed is not chosen by distance, and this rule also decides that it fits);
 *   - otherwise the fit with the smallest KS distance among the other three.
 * A chosen fit (other than fixed) whose distance exceeds the critical value at `alpha` is flagged poor.
 */
export function fitLatency(samples: readonly number[], options: FitOptions = DEFAULT_FIT_OPTIONS): LatencyFit {
  const n = samples.length;
  if (n < 2) throw new RangeError(`Expected at least 2 latency samples, got ${n}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const meanMs = jStat.mean(sorted);
  const sd = jStat.stdev(sorted, true);
  const coefficientOfVariation = sd === 0 ? 0 : sd / Math.abs(meanMs);
  const fixed = fitFixed(sorted);
  const fits: FamilyFit[] = [fixed];
  const skipped: SkippedFamily[] = [];
  for (const result of [fitNormal(sorted), fitLognormal(sorted), fitPareto(sorted)]) {
    if ('skipped' in result) skipped.push(result);
    else fits.push(result);
  }
  const criticalDistance = ksCriticalValue(n, options.alpha);
  const base = { n, meanMs, coefficientOfVariation, fits, skipped, criticalDistance };
  if (coefficientOfVariation < options.fixedTolerance) return { ...base, chosen: fixed };
  const candidates = fits.filter((fit) => fit.family !== 'fixed');
  const chosen = candidates.reduce<FamilyFit | undefined>(
    (best, fit) => (best === undefined || fit.ksDistance < best.ksDistance ? fit : best),
    undefined,
  );
  // A spread above the tolerance means a standard deviation > 0, and then normal always fits.
  if (chosen === undefined) throw new Error('unreachable: samples with spread have a normal fit');
  if (chosen.ksDistance <= criticalDistance) return { ...base, chosen };
  const others = candidates.filter((fit) => fit !== chosen).map((fit) => `${fit.family} ${formatDistance(fit.ksDistance)}`);
  return {
    ...base,
    chosen,
    poorFit:
      `${chosen.family} fits best yet its KS distance ${formatDistance(chosen.ksDistance)} exceeds ${formatDistance(criticalDistance)} ` +
      `(alpha ${options.alpha}, n ${n})${others.length > 0 ? `; ${others.join(', ')}` : ''}: the samples follow none of these families closely`,
  };
}
