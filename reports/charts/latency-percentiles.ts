import type { ScenarioResults } from '../../results/types.ts';
import { completed } from '../model-limits.ts';
import { baseOptions, type ChartSpec } from './chart-spec.ts';
import { PERCENTILE_COLOURS } from './palette.ts';

const PERCENTILES = [
  { key: 'p50', label: 'p50' },
  { key: 'p90', label: 'p90' },
  { key: 'p99', label: 'p99' },
  { key: 'p999', label: 'p99.9' },
] as const;

/** Request latency at p50 .. p99.9 per runner and level, grouped bars. */
export function latencyPercentilesChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  return {
    id: `${scenario.id}-latency`,
    title: `${scenario.title}: latency percentiles`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.label),
        datasets: PERCENTILES.map((percentile, index) => ({
          label: percentile.label,
          data: results.map((result) => result.latencyMs[percentile.key]),
          backgroundColor: PERCENTILE_COLOURS[index],
        })),
      },
      options: baseOptions('Request latency percentiles', 'ms'),
    },
  };
}
