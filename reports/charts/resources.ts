import type { ScenarioResults } from '../../results/types.ts';
import { completed } from '../results-table.ts';
import { baseOptions, type ChartContext, type ChartSpec } from './chart-spec.ts';
import { IDEAL_COLOUR, runnerColour } from './palette.ts';

const MIB = 1024 * 1024;
const WORKER_PROCESSES_COLOUR = '#fdd0a2';

/** CPU cores busy during a batch (main process plus workers), against the cores the machine has. */
export function cpuChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = completed(scenario.results);
  return {
    id: `${scenario.id}-cpu`,
    title: `${scenario.title}: CPU`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.shape),
        datasets: [
          {
            label: 'cores used (CPU time / wall time)',
            data: results.map((result) => result.cpu.coresUsed),
            backgroundColor: results.map((result) => runnerColour(result.runner)),
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

/** Peak resident memory per runner, stacked: the main process (which holds worker threads) and the worker processes. */
export function memoryChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  const base = baseOptions('Peak memory (RSS) over the measured batches', 'MiB');
  const mib = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;
  return {
    id: `${scenario.id}-memory`,
    title: `${scenario.title}: memory`,
    config: {
      type: 'bar',
      data: {
        labels: results.map((result) => result.shape),
        datasets: [
          {
            label: 'main process (MiB)',
            data: results.map((result) => mib(result.memory.mainPeakRssBytes)),
            backgroundColor: results.map((result) => runnerColour(result.runner)),
          },
          {
            label: 'worker processes (MiB)',
            data: results.map((result) => mib(result.memory.workersPeakRssBytes.reduce((sum, bytes) => sum + bytes, 0))),
            backgroundColor: WORKER_PROCESSES_COLOUR,
          },
        ],
      },
      options: { ...base, scales: { x: { stacked: true }, y: { ...base.scales.y, stacked: true } } },
    },
  };
}
