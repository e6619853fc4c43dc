import { formatPValue } from '../verdict-text.ts';
import type { Comparison, ComparisonRow } from './compare-results.ts';
import { formatChange } from './comparison-table.ts';

export interface ComparisonHeadline {
  readonly compared: number;
  readonly faster: number;
  readonly slower: number;
  /** The significant slowdown with the largest loss of throughput; undefined when nothing got significantly slower. */
  readonly worst: ComparisonRow | undefined;
  readonly sentence: string;
}

function describeRow(row: ComparisonRow): string {
  return `${row.scenarioId} ${row.shape}, ${formatChange(row.throughputChange)} throughput (p ${formatPValue(row.test?.pValue)})`;
}

/** The answer first: how many changes are significant, and the worst of them. */
export function comparisonHeadline(comparison: Comparison): ComparisonHeadline {
  const faster = comparison.rows.filter((row) => row.verdict === 'faster');
  const slower = comparison.rows.filter((row) => row.verdict === 'slower');
  const worst = slower.reduce<ComparisonRow | undefined>(
    (low, row) => (!low || row.throughputChange < low.throughputChange ? row : low),
    undefined,
  );
  const best = faster.reduce<ComparisonRow | undefined>(
    (high, row) => (!high || row.throughputChange > high.throughputChange ? row : high),
    undefined,
  );
  const significant = faster.length + slower.length;
  const count =
    significant === 0
      ? `No significant change in ${comparison.rows.length} compared results.`
      : `${significant} significant ${significant === 1 ? 'change' : 'changes'} in ${comparison.rows.length} compared results (${faster.length} faster, ${slower.length} slower).`;
  const tail = worst
    ? ` Worst: ${describeRow(worst)}.`
    : best
      ? ` Nothing got significantly slower; the largest gain: ${describeRow(best)}.`
      : '';
  return { compared: comparison.rows.length, faster: faster.length, slower: slower.length, worst, sentence: `${count}${tail}` };
}
