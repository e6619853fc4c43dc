import { formatRate } from '../../common/format.ts';
import type { ComparedRow } from '../../results/comparison.ts';
import { formatPValue } from '../verdict-text.ts';

export const COMPARISON_HEADERS = [
  'Approach',
  'Base',
  'New',
  'Improvement',
  'Confidence',
  'Accuracy (*)',
  '(**)',
  '(***)',
  'p (Welch)',
  'p99 change',
  'Verdict',
] as const;

/** The column a verdict's colour goes to (HTML). */
export const VERDICT_COLUMN = COMPARISON_HEADERS.length - 1;

/** `+12.3%`; `digits` as compare.R prints improvements: two. */
export function formatChange(change: number, digits = 1): string {
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(digits)}%`;
}

function formatAccuracy(halfWidth: number): string {
  return `±${(halfWidth * 100).toFixed(2)}%`;
}

/** A row's cells under COMPARISON_HEADERS; a row with fewer than 2 iterations on a side says it was not tested. */
export function comparisonCells(row: ComparedRow): string[] {
  const { test } = row;
  const accuracy = test ? test.accuracy.map((level) => formatAccuracy(level.halfWidth)) : ['n/a', 'n/a', 'n/a'];
  return [
    row.label,
    formatRate(row.base.throughputMean),
    formatRate(row.current.throughputMean),
    formatChange(row.improvement, 2),
    test ? test.stars : 'no test: n < 2',
    ...accuracy,
    formatPValue(test?.pValue),
    formatChange(row.p99Change),
    row.verdict,
  ];
}
