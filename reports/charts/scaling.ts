import { modelName } from '../../results/model-name.ts';
import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { completed } from '../model-limits.ts';
import { baseOptions, type ChartContext, type ChartSpec } from './chart-spec.ts';
import { IDEAL_COLOUR, labelColour } from './palette.ts';

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
function bestPerLevel(results: readonly CompletedResult[], throughput: (result: CompletedResult) => number): { x: number; y: number }[] {
  const best = new Map<number, number>();
  for (const result of results) best.set(result.concurrency, Math.max(best.get(result.concurrency) ?? 0, throughput(result)));
  return [...best].sort(([a], [b]) => a - b).map(([x, y]) => ({ x, y }));
}

function idealLine(results: readonly CompletedResult[]): { x: number; y: number }[] {
  return bestPerLevel(results, idealThroughput);
}

/** Said on the chart when no model was measured at more than one level: its points stand alone. */
export const ONE_LEVEL_CAPTION = [
  'One level measured per model: each point is a row of the table (see the table); more levels draw lines.',
] as const;

/** Labels (runner, or runner/limiter) in the order results.json lists the runners, each runner's limiters after it. */
function orderedLabels(results: readonly CompletedResult[], context: ChartContext): string[] {
  const labels = [...new Set(results.map((result) => modelName(result)))];
  const rank = (label: string): number => {
    const runner = results.find((result) => modelName(result) === label)?.runner;
    const index = context.runners.findIndex((facts) => facts.id === runner);
    return index === -1 ? context.runners.length : index;
  };
  return labels.sort((a, b) => rank(a) - rank(b));
}

/**
 * Goodput against requests in flight, one line per model (runner, or runner/limiter, dashed and shaded); the exact
 * ideal (a zero-overhead replay of the same batches) as the reference line, and the closed-form bound dashed.
 */
export function scalingChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = completed(scenario.results);
  const levels = results.map((result) => result.concurrency);
  const logarithmic = Math.max(...levels) / Math.min(...levels) >= 10;
  const labels = orderedLabels(results, context);
  const lonely = labels.every((label) => results.filter((result) => modelName(result) === label).length === 1);
  const base = baseOptions('Goodput against requests in flight', 'answered requests/s', lonely ? ONE_LEVEL_CAPTION : undefined);
  const runnerLines = labels.map((label) => {
    const own = results.filter((result) => modelName(result) === label).sort((a, b) => a.concurrency - b.concurrency);
    const colour = labelColour(label, results, context.runners);
    return {
      label,
      data: own.map((result) => ({ x: result.concurrency, y: result.throughput.mean })),
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: lonely ? 6 : 4,
      ...(own[0]?.limiter === undefined ? {} : { borderDash: [2 + labels.indexOf(label), 3] }),
    };
  });
  return {
    id: `${scenario.id}-scaling`,
    title: `${scenario.title}: goodput against requests in flight`,
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
