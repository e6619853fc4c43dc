import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { completed } from '../results-table.ts';
import { baseOptions, type ChartSpec } from './chart-spec.ts';
import { SPLIT_COLOURS } from './palette.ts';

type SplitPart = keyof CompletedResult['latencySplitMs'];

const PARTS: readonly { readonly key: SplitPart; readonly label: string }[] = [
  { key: 'slotWait', label: 'waiting for a free slot' },
  { key: 'serverQueue', label: 'server queue' },
  { key: 'serverServe', label: 'server' },
  { key: 'rest', label: 'rest (network, client)' },
  { key: 'backoff', label: 'retry backoff' },
  { key: 'work', label: 'CPU work' },
];

/** Where a request's time went, mean per request, stacked; parts that are zero everywhere are left out. */
export function latencySplitChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  const base = baseOptions('Time per request, split (mean)', 'ms');
  const parts = PARTS.filter((part) => results.some((result) => result.latencySplitMs[part.key] > 0));
  return {
    id: `${scenario.id}-latency-split`,
    title: `${scenario.title}: latency split`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.shape),
        datasets: parts.map((part) => ({
          label: part.label,
          data: results.map((result) => result.latencySplitMs[part.key]),
          backgroundColor: SPLIT_COLOURS[part.key],
        })),
      },
      options: {
        ...base,
        scales: { x: { stacked: true }, y: { ...base.scales.y, stacked: true } },
      },
    },
  };
}
