import type { ComparedRow, Comparison } from '../../results/comparison.ts';

/** A row with what `--fail-on-regression` fails on, and its scenario. */
export interface Regression {
  readonly scenarioId: string;
  readonly row: ComparedRow;
}

/** Significant slowdowns (p < 0.05) of more than `percent` % throughput. */
export function regressions(comparison: Comparison, percent: number): Regression[] {
  return comparison.scenarios.flatMap((scenario) =>
    scenario.rows
      .filter((row) => row.verdict === 'slower' && -row.improvement * 100 > percent)
      .map((row) => ({ scenarioId: scenario.id, row })),
  );
}
