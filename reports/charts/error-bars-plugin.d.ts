import type { Plugin } from 'chart.js';

export interface ErrorBarsOptions {
  /** The bar dataset the whiskers belong to. */
  readonly datasetIndex: number;
  /** One [low, high] per bar, in the y axis' units; null draws no whisker. */
  readonly ranges: readonly (readonly [number, number] | null)[];
  readonly color: string;
}

export declare const errorBarsPlugin: Plugin<'bar', ErrorBarsOptions>;
