import { formatPercent } from '../common/format.ts';
import type { ScenarioResults, ScenarioVerdict } from '../results/types.ts';

/** p-values as people read them: three decimals, or "< 0.001". */
export function formatPValue(p: number | undefined): string {
  if (p === undefined) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Said wherever a verdict of a scenario whose levels did not all run is shown. */
const PARTIAL_MARK = 'partial: not every level ran';

/** The verdict in a few words, for tables: "winner promise-concurrent (p < 0.001)", "tie: a, b (p 0.41)". */
export function verdictLabel(verdict: ScenarioVerdict | undefined, partial = false): string {
  const suffix = partial ? ` (${PARTIAL_MARK})` : '';
  if (!verdict) return `no verdict${suffix}`;
  if (verdict.kind === 'winner') return `${verdict.runner} (p ${formatPValue(verdict.pValue)})${suffix}`;
  if (verdict.kind === 'single') return `${verdict.runner} (only one model ran)${suffix}`;
  return `tie: ${verdict.runners.join(', ')}${verdict.pValue === undefined ? '' : ` (p ${formatPValue(verdict.pValue)} against the next)`}${suffix}`;
}

function sentence(verdict: ScenarioVerdict): string {
  if (verdict.kind === 'single') return `Only ${verdict.runner} ran, so there is no comparison.`;
  if (verdict.kind === 'winner') {
    return `${verdict.runner} was fastest: ${formatPercent(verdict.relativeDifference)} ahead of ${verdict.runnerUp.runner} (Welch p ${formatPValue(verdict.pValue)}, effect size ${verdict.effectSize.toFixed(1)}).`;
  }
  const others = verdict.pValue === undefined ? '' : ` (the next model is slower with p ${formatPValue(verdict.pValue)})`;
  return `A tie between ${verdict.runners.join(', ')}: their best levels are within 3% of each other or not significantly different at p < 0.05${others}.`;
}

/** The first sentence of a scenario's conclusion: never "X was fastest" unless Welch's test says so. */
export function verdictSentence(scenario: Pick<ScenarioResults, 'verdict' | 'partial'>): string {
  const partial = scenario.partial === true ? `Partial verdict (${PARTIAL_MARK}; it stands on the levels measured): ` : '';
  if (!scenario.verdict) return `${partial}No verdict: nothing completed to compare.`;
  return `${partial}${sentence(scenario.verdict)}`;
}
