import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import type { ChartContext, ChartSpec } from './charts/chart-spec.ts';
import { latencyPercentilesChart } from './charts/latency-percentiles.ts';
import { latencySplitChart } from './charts/latency-split.ts';
import { adaptiveResults, limitTraceChart } from './charts/limit-trace.ts';
import { cpuChart, memoryChart } from './charts/resources.ts';
import { scalingChart } from './charts/scaling.ts';
import { throughputChart } from './charts/throughput.ts';
import { completed } from './model-limits.ts';
import { hockeyStickChart } from './charts/hockey-stick.ts';
import { closedLoopView, openLoopResults } from './open-loop-table.ts';

export type { ChartContext, ChartSpec } from './charts/chart-spec.ts';

/** The one place chart configurations are built: index.html and charts/*.png both draw these. */
export function scenarioCharts(scenario: ScenarioResults, context: ChartContext): ChartSpec[] {
  // Open-loop levels get the hockey stick; the closed-loop charts draw the rest.
  const open = openLoopResults(scenario).length > 0 ? [hockeyStickChart(scenario, context)] : [];
  return [...closedLoopCharts(closedLoopView(scenario), context), ...open];
}

function closedLoopCharts(scenario: ScenarioResults, context: ChartContext): ChartSpec[] {
  if (completed(scenario.results).length === 0) return [];
  return [
    throughputChart(scenario, context),
    latencyPercentilesChart(scenario),
    scalingChart(scenario, context),
    latencySplitChart(scenario),
    cpuChart(scenario, context),
    memoryChart(scenario, context),
    ...(adaptiveResults(scenario).length > 0 ? [limitTraceChart(scenario, context)] : []),
  ];
}

export function reportCharts(results: ResultsFile): ChartSpec[] {
  return results.scenarios.flatMap((scenario) => scenarioCharts(scenario, chartContext(results)));
}

export function chartContext(results: ResultsFile): ChartContext {
  return { cores: results.environment.cores, runners: results.runners };
}
