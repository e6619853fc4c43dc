import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { runnerIds } from '../../runners/registry.ts';
import { resultLabel } from '../../harness/scenario-verdict.ts';
import { completed } from '../results-table.ts';
import { baseOptions, type ChartSpec } from './chart-spec.ts';
import { IDEAL_COLOUR, runnerColour } from './palette.ts';

/** Throughput of a zero-overhead client on the same batches: requests / the exact ideal (the replay's makespan). */
export function idealThroughput(result: CompletedResult): number {
  const ideal = result.idealWallMs ?? 0;
  return ideal > 0 ? (result.requests / ideal) * 1000 : 0;
}

/** Throughput the closed-form bound allows: requests / boundWallMs. */
export function boundThroughput(result: CompletedResult): number {
  return result.boundWallMs !== undefined && result.boundWallMs > 0 ? (result.requests / result.boundWallMs) * 1000 : 0;
}

/**
 * At each level, the best figure any runner there has: the ideals differ by model only where CPU work
 * (executors) limits them, and by iteration where the replayed batches meet different identities.
 */
export function bestPerLevel(
  results: readonly CompletedResult[],
  throughput: (result: CompletedResult) => number,
): { x: number; y: number }[] {
  const best = new Map<number, number>();
  for (const result of results) best.set(result.concurrency, Math.max(best.get(result.concurrency) ?? 0, throughput(result)));
  return [...best].sort(([a], [b]) => a - b).map(([x, y]) => ({ x, y }));
}

export function idealLine(results: readonly CompletedResult[]): { x: number; y: number }[] {
  return bestPerLevel(results, idealThroughput);
}

/**
 * Throughput against requests in flight, one line per runner; the exact ideal (a zero-overhead replay of the
 * same batches) as the reference line, and the closed-form bound dashed.
 */
export function scalingChart(scenario: ScenarioResults): ChartSpec {
  const results = completed(scenario.results);
  const levels = results.map((result) => result.concurrency);
  const logarithmic = Math.max(...levels) / Math.min(...levels) >= 10;
  const base = baseOptions('Throughput against requests in flight', 'requests/s');
  // One line per runner, or per runner/limiter when limiters were compared (dashed, so they stay apart).
  const labels = [...new Set(results.map((result) => resultLabel(result)))];
  const runnerLines = runnerIds().flatMap((runner) =>
    labels
      .filter((label) => label === runner || label.startsWith(`${runner}/`))
      .map((label) => ({
        label,
        data: results
          .filter((result) => resultLabel(result) === label)
          .sort((a, b) => a.concurrency - b.concurrency)
          .map((result) => ({ x: result.concurrency, y: result.throughput.mean })),
        borderColor: runnerColour(runner),
        backgroundColor: runnerColour(runner),
        pointRadius: 4,
        ...(label === runner ? {} : { borderDash: [2 + labels.indexOf(label), 3] }),
      })),
  );
  return {
    id: `${scenario.id}-scaling`,
    title: `${scenario.title}: throughput against concurrency`,
    config: {
      type: 'line',
      data: {
        datasets: [
          ...runnerLines,
          {
            label: 'ideal',
            data: idealLine(results),
            borderColor: IDEAL_COLOUR,
            backgroundColor: 'rgba(0,0,0,0)',
            borderWidth: 2,
            pointRadius: 2,
          },
          {
            label: 'bound',
            data: bestPerLevel(results, boundThroughput),
            borderColor: IDEAL_COLOUR,
            backgroundColor: 'rgba(0,0,0,0)',
            borderWidth: 1,
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: {
        ...base,
        scales: {
          ...base.scales,
          x: { type: logarithmic ? 'logarithmic' : 'linear', title: { display: true, text: 'requests in flight' } },
        },
      },
    },
  };
}
