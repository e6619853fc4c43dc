import { keepsOneInFlight } from './runner-sweeps.ts';
import type { RunnerId } from '../../runners/types.ts';
import { concurrencyCurve } from '../../results/tune-curve.ts';
import { midpoint } from './levels.ts';
import { meetsSlo } from '../../results/slo.ts';
import type { TuneSlo, TunePoint, UslRecord, UslSkip } from '../../results/tune-types.ts';
import { fitUsl, MIN_USL_LEVELS, type UslSample } from './usl-fit.ts';
import { uslThroughput } from '../../results/usl.ts';

/**
 * The points of the concurrency sweep the USL fit takes: every level measured at the base pool (geometric, refined,
 * added for the fit), except those whose errors broke the limit (failed requests come back fast and inflate throughput).
 */
function uslSamples(points: readonly TunePoint[], slo: TuneSlo): UslSample[] {
  return concurrencyCurve(points)
    .filter((point) => point.errorRate <= slo.maxErrorRate)
    .map((point) => ({ concurrency: point.concurrency, throughput: point.throughput }));
}

/**
 * The next level to add so the fit gets MIN_USL_LEVELS distinct levels, or undefined when it has them or no gap
 * is left: the midpoint of the widest gap (by ratio) up to the highest level that met the SLO (levels past
 * it are slow), the gap nearest the chosen level first.
 */
export function nextFitLevel(points: readonly TunePoint[], slo: TuneSlo, chosen: number): number | undefined {
  const curve = concurrencyCurve(points);
  const levels = [...new Set(curve.map((point) => point.concurrency))].sort((a, b) => a - b);
  if (levels.length >= MIN_USL_LEVELS) return undefined;
  const top = Math.max(chosen, ...curve.filter((point) => meetsSlo(point, slo)).map((point) => point.concurrency));
  const gaps = levels.slice(1).flatMap((high, index) => {
    const low = levels[index] ?? high;
    const middle = midpoint(low, high);
    return high <= top && middle !== undefined ? [{ middle, ratio: high / low }] : [];
  });
  const distance = (level: number): number => Math.abs(Math.log(level / chosen));
  gaps.sort((a, b) => b.ratio - a.ratio || distance(a.middle) - distance(b.middle));
  return gaps[0]?.middle;
}

/** One runner's fit as tune.json records it, or the one line saying why there is none. */
export function fitRunner(runner: RunnerId, points: readonly TunePoint[], slo: TuneSlo): UslRecord | UslSkip {
  if (keepsOneInFlight(runner)) return { runner, reason: 'one request in flight by design: no curve to fit' };
  const outcome = fitUsl(uslSamples(points, slo));
  if (outcome.kind === 'none') return { runner, reason: outcome.reason };
  const { kind: _kind, ...fit } = outcome;
  return { runner, ...fit };
}

export function isUslRecord(entry: UslRecord | UslSkip): entry is UslRecord {
  return 'sigma' in entry;
}

/** The most in flight a recommendation may have: N* where the fit found a retrograde region. */
export function ceilingOf(usl: UslRecord | UslSkip | undefined): number | undefined {
  return usl !== undefined && isUslRecord(usl) ? usl.peakConcurrency : undefined;
}

/** Where the fitted curve has fallen to this share of its peak, a fall is plain in measurements with a few % of noise. */
const CONFIRM_SHARE = 0.85;

/**
 * The level that can show a retrograde region the fit suggests (kappa's interval excludes 0, nothing measured past the
 * model's peak fell): the first of N*, 1.25 N*, ... where the fitted curve is down to CONFIRM_SHARE of its peak, at most
 * 4 N* and the sweep's max; undefined when there is nothing to confirm or a level that far was measured already.
 */
export function confirmationLevel(usl: UslRecord | UslSkip, maxConcurrency: number): number | undefined {
  if (!isUslRecord(usl) || usl.flatBecause !== 'no-measured-fall' || usl.modelPeakConcurrency === undefined) return undefined;
  const peak = usl.modelPeakConcurrency;
  const top = uslThroughput(usl, peak);
  let level = peak;
  while (level < 4 * peak && uslThroughput(usl, level) > CONFIRM_SHARE * top) level = Math.ceil(level * 1.25);
  const confirm = Math.min(level, 4 * peak, maxConcurrency);
  return confirm > usl.highestLevel ? confirm : undefined;
}
