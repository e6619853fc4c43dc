import jStat from 'jstat';
import { RISK_LEVELS, type RiskLevel, type RowTest, type Stars } from '../../results/comparison.ts';
import { type SampleSummary, type WelchResult, welchTTest } from '../statistics/welch.ts';

/** compare.R's stars: `*` below 5%, `**` below 1%, `***` below 0.1%. */
export function starsFor(pValue: number): Stars {
  let stars: Stars = '';
  for (const level of RISK_LEVELS) if (pValue < level.risk) stars = level.stars;
  return stars;
}

/**
 * compare.R's accuracy: the half-width of the (1 - risk) interval of the difference of the means,
 * qt(1 - risk / 2, df) x standard error, over the base mean. A change smaller than this the data could not detect.
 */
function halfWidth(welch: WelchResult, risk: RiskLevel, baseMean: number): number {
  if (welch.standardError === 0) return 0;
  return (jStat.studentt.inv(1 - risk / 2, welch.df) * welch.standardError) / baseMean;
}

/** Welch's t-test, stars and accuracy of a row; undefined when a side has fewer than 2 iterations. */
export function rowTest(base: SampleSummary, current: SampleSummary): RowTest | undefined {
  const welch = welchTTest(base, current);
  if (!welch) return undefined;
  return {
    t: welch.t,
    df: welch.df,
    pValue: welch.pValue,
    stars: starsFor(welch.pValue),
    accuracy: RISK_LEVELS.map(({ risk }) => ({ risk, halfWidth: halfWidth(welch, risk, base.mean) })),
  };
}
