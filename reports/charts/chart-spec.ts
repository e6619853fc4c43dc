import type { ChartConfiguration, ChartType } from 'chart.js';
import type { RunnerFacts } from '../../results/types.ts';
import type { ErrorBarsOptions } from './error-bars-plugin.js';

declare module 'chart.js' {
  // TType is unused here but must match chart.js' own declaration to merge with it.
  interface PluginOptionsByType<TType extends ChartType> {
    /** Read by the error-bars plugin; present only on charts that draw whiskers. */
    errorBars?: ErrorBarsOptions;
  }
}

/** One chart, as plain JSON: the HTML report and the PNG renderer draw the very same configuration. */
export interface ChartSpec {
  /** File-name-safe id, unique within a report (the PNG is charts/<id>.png). */
  readonly id: string;
  readonly title: string;
  readonly config: ChartConfiguration;
}

/** What a chart needs beyond the scenario itself. */
export interface ChartContext {
  /** Cores of the machine that ran the benchmark. */
  readonly cores: number;
  /** The runners' facts from results.json: their colours and order. */
  readonly runners: readonly RunnerFacts[];
}

/**
 * Options every chart shares: no animation (PNG and print draw the final frame), a title, an axis label, and a
 * subtitle (a caption) where the chart needs one to be read right.
 */
export function baseOptions(title: string, yLabel: string, caption?: readonly string[]) {
  const subtitle: { display: boolean; text: string[]; font: { size: number }; padding: { bottom: number } } = {
    display: caption !== undefined,
    text: [...(caption ?? [])],
    font: { size: 11 },
    padding: { bottom: 6 },
  };
  return {
    animation: false,
    plugins: { title: { display: true, text: title, font: { size: 15 } } as const, subtitle },
    scales: { y: { beginAtZero: true, title: { display: true, text: yLabel } } },
  } as const;
}
