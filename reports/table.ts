import type { CompletedResult, FailedResult } from '../results/types.ts';

/** A table of text cells, shared by console, Markdown and HTML. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Same shape as rows: true where the cell holds the column's best value. */
  readonly best: readonly (readonly boolean[])[];
  /** Lines to print under the table (failures, saturation, an ideal beaten). */
  readonly notes: readonly string[];
  /** The rows' warnings, one line each, marked in the rows (console: lines under the table; HTML: a list). */
  readonly warnings: readonly string[];
}

/** One column of the results table: its header, its cell for a completed and a failed row, and how it ranks. */
export interface Column {
  readonly header: string;
  readonly cell: (result: CompletedResult) => string;
  /** Empty when not given. */
  readonly failedCell?: ((result: FailedResult) => string) | undefined;
  /** The measure behind the column and which way is better; absent: not ranked. */
  readonly rank?: { readonly measure: (result: CompletedResult) => number; readonly better: 'lower' | 'higher' } | undefined;
}
