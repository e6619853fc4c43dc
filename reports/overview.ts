import type { ResultsFile } from '../results/types.ts';
import { overviewAdvice } from './overview-advice.ts';
import { overviewRow, type OverviewRow } from './overview-row.ts';

/** The answer first: one row per scenario, and the advice those rows support. */
export interface Overview {
  readonly rows: readonly OverviewRow[];
  /** Advice, each sentence computed from the rows; a sentence no row supports is left out. */
  readonly advice: readonly string[];
}

export function overview(results: ResultsFile): Overview {
  const rows = results.scenarios.map((scenario) => overviewRow(scenario, results));
  return { rows, advice: overviewAdvice(rows) };
}
