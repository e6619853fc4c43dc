import type { ChartConfiguration } from 'chart.js';
import type { ScenarioResults } from '../harness/results.ts';
import { completed } from './results-table.ts';

/** One chart, as plain JSON: the HTML report and the PNG renderer draw the very same configuration. */
export interface ChartSpec {
  /** File-name-safe id, unique within a report (the PNG is charts/<id>.png). */
  readonly id: string;
  readonly title: string;
  readonly config: ChartConfiguration;
}

export const RUNNER_COLOURS: Readonly<Record<string, string>> = {
  sequential: '#9e9e9e',
  'promise-concurrent': '#1f77b4',
  'worker-threads': '#ff7f0e',
  'child-process': '#2ca02c',
};

function throughputChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  return {
    id: `${scenario.id}-throughput`,
    title: `${scenario.title}: throughput`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.shape),
        datasets: [
          {
            label: 'requests/s (mean)',
            data: results.map((result) => Math.round(result.throughput.mean)),
            backgroundColor: results.map((result) => RUNNER_COLOURS[result.runner] ?? '#777777'),
          },
        ],
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: `Throughput (requests/s): ${scenario.title}` }, legend: { display: false } },
        scales: { y: { beginAtZero: true, title: { display: true, text: 'requests/s' } } },
      },
    },
  };
}

export function scenarioCharts(scenario: ScenarioResults): ChartSpec[] {
  return completed(scenario.results).length > 0 ? [throughputChart(scenario)] : [];
}
