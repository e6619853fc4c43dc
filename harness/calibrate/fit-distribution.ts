import jStat from 'jstat';
import { fitExponential, fitFixed, fitLognormal, fitNormal, fitPareto } from './families.ts';
import { DEFAULT_FIT_OPTIONS, type FamilyFit, type FitOptions, type LatencyFit, type SkippedFamily } from './fit-types.ts';

function formatDistance(distance: number): string {
  return distance.toFixed(3);
}

/**
 * Fits latency samples (ms, at least 2) by maximum likelihood with each of fixed, normal, lognormal, exponential
 * and pareto (the mock server's families that have one; its uniform is left out: no service looks like it),
 * measures every fit's KS distance to the samples, and chooses one:
 *   - `fixed` when the coefficient of variation is below `fixedTolerance` (2%): a spread that small is host
 *     jitter, and a fixed latency is then the useful description (a step CDF is always far from jittered samples
 *     by KS, so fixed is not chosen by distance, and this rule also decides that it fits);
 *   - otherwise the fit with the smallest KS distance among the others.
 * A chosen fit (other than fixed) whose distance exceeds its own family's critical value at `alpha` is flagged poor.
 */
export function fitLatency(samples: readonly number[], options: FitOptions = DEFAULT_FIT_OPTIONS): LatencyFit {
  const n = samples.length;
  if (n < 2) throw new RangeError(`Expected at least 2 latency samples, got ${n}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const meanMs = jStat.mean(sorted);
  const sd = jStat.stdev(sorted, true);
  const coefficientOfVariation = sd === 0 ? 0 : sd / Math.abs(meanMs);
  const { alpha } = options;
  const fixed = fitFixed(sorted, alpha);
  const fits: FamilyFit[] = [fixed];
  const skipped: SkippedFamily[] = [];
  for (const result of [fitNormal(sorted, alpha), fitLognormal(sorted, alpha), fitExponential(sorted, alpha), fitPareto(sorted, alpha)]) {
    if ('skipped' in result) skipped.push(result);
    else fits.push(result);
  }
  const base = { n, meanMs, coefficientOfVariation, fits, skipped };
  if (coefficientOfVariation < options.fixedTolerance) return { ...base, chosen: fixed, criticalDistance: fixed.criticalDistance };
  const candidates = fits.filter((fit) => fit.family !== 'fixed');
  const chosen = candidates.reduce<FamilyFit | undefined>(
    (best, fit) => (best === undefined || fit.ksDistance < best.ksDistance ? fit : best),
    undefined,
  );
  // A spread above the tolerance means a standard deviation > 0, and then normal always fits.
  if (chosen === undefined) throw new Error('unreachable: samples with spread have a normal fit');
  const { criticalDistance } = chosen;
  if (chosen.ksDistance <= criticalDistance) return { ...base, chosen, criticalDistance };
  const others = candidates.filter((fit) => fit !== chosen).map((fit) => `${fit.family} ${formatDistance(fit.ksDistance)}`);
  return {
    ...base,
    chosen,
    criticalDistance,
    poorFit:
      `${chosen.family} fits best yet its KS distance ${formatDistance(chosen.ksDistance)} exceeds ${formatDistance(criticalDistance)} ` +
      `(alpha ${alpha}, n ${n})${others.length > 0 ? `; ${others.join(', ')}` : ''}: the samples follow none of these families closely`,
  };
}
