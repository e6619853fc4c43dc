import type { ChartConfiguration, ChartType } from 'chart.js';
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
}

/** Options every chart shares: no animation (PNG and print draw the final frame), a title, an axis label. */
export function baseOptions(title: string, yLabel: string) {
  return {
    animation: false,
    plugins: { title: { display: true, text: title, font: { size: 15 } } },
    scales: { y: { beginAtZero: true, title: { display: true, text: yLabel } } },
  } as const;
}
