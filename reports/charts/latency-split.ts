import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { completed } from '../model-limits.ts';
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

/**
 * Why a model with one request in flight shows the longest wait: the batch, not the model, queues its requests. Said
 * on the chart itself, so the grey bar is not read as overhead.
 */
export const SLOT_WAIT_CAPTION = [
  "Waiting for a free slot runs from the batch's start: every request of a batch counts as submitted when the batch starts,",
  'so with R requests per lane a request waits for the ~(R-1)/2 ahead of it in its lane. One in flight (sequential) waits longest: that is its queue, not overhead.',
] as const;

/** Where a request's time went, mean per request, stacked; parts that are zero everywhere are left out. */
export function latencySplitChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  const parts = PARTS.filter((part) => results.some((result) => result.latencySplitMs[part.key] > 0));
  const waits = parts.some((part) => part.key === 'slotWait');
  const base = baseOptions('Time per request, split (mean)', 'ms', waits ? SLOT_WAIT_CAPTION : undefined);
  return {
    id: `${scenario.id}-latency-split`,
    title: `${scenario.title}: latency split`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.label),
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
