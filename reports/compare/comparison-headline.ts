import type { ComparedRow, Comparison } from '../../results/comparison.ts';
import { formatPValue } from '../verdict-text.ts';
import { formatChange } from './comparison-table.ts';
import { differingSettings } from './setup-text.ts';

export interface ComparisonHeadline {
  readonly compared: number;
  readonly faster: number;
  readonly slower: number;
  /** The significant slowdown with the largest loss of throughput; undefined when nothing got significantly slower. */
  readonly worst: { readonly scenarioId: string; readonly row: ComparedRow } | undefined;
  readonly sentence: string;
}

type Located = { readonly scenarioId: string; readonly row: ComparedRow };

function describe({ scenarioId, row }: Located): string {
  return `${scenarioId} ${row.label}, ${formatChange(row.improvement, 2)} throughput (p ${formatPValue(row.test?.pValue)})`;
}

/** The answer first: how many changes are significant, the worst of them, and whether the set-ups differ. */
export function comparisonHeadline(comparison: Comparison): ComparisonHeadline {
  const rows = comparison.scenarios.flatMap((scenario) => scenario.rows.map((row) => ({ scenarioId: scenario.id, row })));
  const faster = rows.filter(({ row }) => row.verdict === 'faster');
  const slower = rows.filter(({ row }) => row.verdict === 'slower');
  const worst = slower.reduce<Located | undefined>(
    (low, item) => (!low || item.row.improvement < low.row.improvement ? item : low),
    undefined,
  );
  const best = faster.reduce<Located | undefined>(
    (high, item) => (!high || item.row.improvement > high.row.improvement ? item : high),
    undefined,
  );
  const significant = faster.length + slower.length;
  const count =
    significant === 0
      ? `No significant change in ${rows.length} compared results.`
      : `${significant} significant ${significant === 1 ? 'change' : 'changes'} in ${rows.length} compared results (${faster.length} faster, ${slower.length} slower).`;
  const tail = worst
    ? ` Worst: ${describe(worst)}.`
    : best
      ? ` Nothing got significantly slower; the largest gain: ${describe(best)}.`
      : '';
  const setup = comparison.setup.differences.length > 0 ? ` The set-ups differ (${differingSettings(comparison.setup)}): see the top.` : '';
  return { compared: rows.length, faster: faster.length, slower: slower.length, worst, sentence: `${count}${tail}${setup}` };
}
