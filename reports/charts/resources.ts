import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { completed } from '../model-limits.ts';
import { baseOptions, type ChartContext, type ChartSpec } from './chart-spec.ts';
import { IDEAL_COLOUR, rowColours } from './palette.ts';

const MIB = 1024 * 1024;
const ABOVE_IDLE_COLOUR = '#fdd0a2';

function mib(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10;
}

/** CPU cores busy during a batch (the model host and its workers), against the cores the machine has. */
export function cpuChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = completed(scenario.results);
  const colour = rowColours(results, context.runners);
  return {
    id: `${scenario.id}-cpu`,
    title: `${scenario.title}: CPU`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.label),
        datasets: [
          {
            label: 'cores used (CPU time / wall time)',
            data: results.map((result) => result.cpu.coresUsed),
            backgroundColor: results.map(colour),
          },
          {
            type: 'line',
            label: `cores available (${context.cores})`,
            data: results.map(() => context.cores),
            borderColor: IDEAL_COLOUR,
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: baseOptions('CPU per batch', 'cores'),
    },
  };
}

/** The model host at idle (after start-up and warm-up), never above the peak; 0 where the file does not say. */
function idle(result: CompletedResult): number {
  return Math.min(result.memory.baselineRssBytes ?? 0, result.memory.peakRssBytes);
}

/**
 * Peak resident memory of each model's host tree, stacked: the host at idle (what the process costs before any
 * request is in flight) and above it what holding the level in flight cost.
 */
export function memoryChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = completed(scenario.results);
  const colour = rowColours(results, context.runners);
  const base = baseOptions('Peak memory (RSS of the model host and its workers)', 'MiB');
  const datasets = results.every((result) => result.memory.baselineRssBytes !== undefined)
    ? [
        {
          label: 'host at idle, after warm-up (MiB)',
          data: results.map((result) => mib(idle(result))),
          backgroundColor: results.map(colour),
        },
        {
          label: 'above idle: holding the level in flight (MiB)',
          data: results.map((result) => mib(result.memory.peakRssBytes - idle(result))),
          backgroundColor: ABOVE_IDLE_COLOUR,
        },
      ]
    : [{ label: 'peak (MiB)', data: results.map((result) => mib(result.memory.peakRssBytes)), backgroundColor: results.map(colour) }];
  return {
    id: `${scenario.id}-memory`,
    title: `${scenario.title}: memory`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.label),
        datasets,
      },
      options: { ...base, scales: { x: { stacked: true }, y: { ...base.scales.y, stacked: true } } },
    },
  };
}
