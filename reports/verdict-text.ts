import { formatPercent } from '../common/format.ts';
import type { CompletedResult, ScenarioResults, ScenarioVerdict } from '../results/types.ts';

/** p-values as people read them: three decimals, or "< 0.001". */
export function formatPValue(p: number | undefined): string {
  if (p === undefined) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The verdict in a few words, for tables: "winner promise-concurrent (p < 0.001)", "tie: a, b (p 0.41)". */
export function verdictLabel(verdict: ScenarioVerdict | undefined): string {
  if (!verdict) return 'no verdict';
  if (verdict.kind === 'winner') return `${verdict.runner} (p ${formatPValue(verdict.pValue)})`;
  if (verdict.kind === 'single') return `${verdict.runner} (only one model ran)`;
  return `tie: ${verdict.runners.join(', ')}${verdict.pValue === undefined ? '' : ` (p ${formatPValue(verdict.pValue)} against the next)`}`;
}

/** The first sentence of a scenario's conclusion: never "X was fastest" unless Welch's test says so. */
export function verdictSentence(scenario: ScenarioResults, best: CompletedResult): string {
  const verdict = scenario.verdict;
  if (!verdict) return `${best.runner} had the highest mean throughput (no verdict: too few iterations to test).`;
  if (verdict.kind === 'single') return `Only ${verdict.runner} ran, so there is no comparison.`;
  if (verdict.kind === 'winner') {
    return `${verdict.runner} was fastest: ${formatPercent(verdict.relativeDifference)} ahead of ${verdict.runnerUp.runner} (Welch p ${formatPValue(verdict.pValue)}, effect size ${verdict.effectSize.toFixed(1)}).`;
  }
  const others = verdict.pValue === undefined ? '' : ` (the next model is slower with p ${formatPValue(verdict.pValue)})`;
  return `A tie between ${verdict.runners.join(', ')}: their best levels are within 3% of each other or not significantly different at p < 0.05${others}.`;
}
