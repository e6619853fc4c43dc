import type { ScenarioResults } from '../../results/types.ts';
import { completed } from '../results-table.ts';
import { baseOptions, type ChartSpec } from './chart-spec.ts';
import { runnerColour, WHISKER_COLOUR } from './palette.ts';

/** Mean throughput per runner and level, with the 95% confidence interval as whiskers. */
export function throughputChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  const base = baseOptions('Throughput: requests / mean wall (95% CI whiskers from 5 iterations)', 'requests/s');
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
            data: results.map((result) => result.throughput.mean),
            backgroundColor: results.map((result) => runnerColour(result.runner)),
          },
        ],
      },
      options: {
        ...base,
        // The axis must reach the highest whisker, not just the highest bar.
        scales: {
          y: {
            ...base.scales.y,
            suggestedMax: Math.max(0, ...results.map((result) => result.throughput.ci95?.[1] ?? result.throughput.mean)),
          },
        },
        plugins: {
          ...base.plugins,
          legend: { display: false },
          errorBars: {
            datasetIndex: 0,
            // Below 5 iterations no interval is claimed: the whisker collapses onto the bar.
            ranges: results.map((result) => result.throughput.ci95 ?? ([result.throughput.mean, result.throughput.mean] as const)),
            color: WHISKER_COLOUR,
          },
        },
      },
    },
  };
}
