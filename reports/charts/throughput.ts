import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { completed } from '../model-limits.ts';
import { baseOptions, type ChartContext, type ChartSpec } from './chart-spec.ts';
import { rowColours, WHISKER_COLOUR } from './palette.ts';

function counts(results: readonly CompletedResult[]): string {
  const iterations = [...new Set(results.map((result) => result.iterations))].sort((a, b) => a - b);
  return iterations.length === 1 ? `${iterations[0]}` : `${iterations[0]} to ${iterations.at(-1)}`;
}

/** What the whiskers are, from what ran: a 95% CI only where a row has one (5 iterations or more). */
function whiskerText(results: readonly CompletedResult[]): string {
  const withInterval = results.filter((result) => result.throughput.ci95 !== undefined);
  const without = results.filter((result) => result.throughput.ci95 === undefined);
  if (without.length === 0) return `95% CI whiskers from ${counts(results)} iterations`;
  if (withInterval.length === 0) return `no whiskers: ${counts(results)} iterations ran, a 95% CI needs 5`;
  return `95% CI whiskers where 5 or more iterations ran (${counts(withInterval)}); none where ${counts(without)} ran`;
}

/** Mean goodput per runner and level, with the 95% confidence interval as whiskers where there is one. */
export function throughputChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = completed(scenario.results);
  const colour = rowColours(results, context.runners);
  const base = baseOptions(`Goodput: answered requests / mean wall (${whiskerText(results)})`, 'answered requests/s');
  return {
    id: `${scenario.id}-throughput`,
    title: `${scenario.title}: goodput`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.label),
        datasets: [
          {
            label: 'answered requests/s (mean)',
            data: results.map((result) => result.throughput.mean),
            backgroundColor: results.map(colour),
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
            // Below 5 iterations no interval is claimed: no whisker at all.
            ranges: results.map((result) => result.throughput.ci95 ?? null),
            color: WHISKER_COLOUR,
          },
        },
      },
    },
  };
}
