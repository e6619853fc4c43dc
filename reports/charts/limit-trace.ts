import type { CompletedResult, ScenarioResults } from '../../results/types.ts';
import { completed } from '../model-limits.ts';
import { baseOptions, type ChartContext, type ChartSpec } from './chart-spec.ts';
import { IDEAL_COLOUR, rowColours } from './palette.ts';

/** The results that carry an adaptive limiter's trace. */
export function adaptiveResults(scenario: ScenarioResults): CompletedResult[] {
  return completed(scenario.results).filter((result) => result.limitTrace !== undefined && result.limitTrace.samples.length > 0);
}

/** Each capacity the server has during a batch, with when it applies (phases count request indices per batch). */
function capacities(scenario: ScenarioResults): { readonly capacity: number; readonly label: string }[] {
  const server = scenario.workload.server;
  const out: { capacity: number; label: string }[] = [];
  if (server.capacity !== undefined) out.push({ capacity: server.capacity, label: `server capacity ${server.capacity}` });
  for (const phase of server.phases ?? []) {
    if (phase.capacity === undefined) continue;
    const when = phase.afterRequests === undefined ? `after ${phase.afterMs ?? 0} ms` : `from request ${phase.afterRequests} of each batch`;
    out.push({ capacity: phase.capacity, label: `server capacity ${phase.capacity} (${when})` });
  }
  return out;
}

/**
 * The adaptive limiters' limits over each level's batches (a pool's: summed over its workers), time from the
 * level's first batch, against the server's capacity as dashed lines: where each limit settled and how fast.
 */
export function limitTraceChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = adaptiveResults(scenario);
  // Shaded within the runner's colour per limiter, as in every chart; levels of one row share it.
  const rowColour = rowColours(completed(scenario.results), context.runners);
  const lines = results.map((result, index) => {
    const colour = rowColour(result);
    const dash = results.slice(0, index).filter((other) => rowColour(other) === colour).length;
    const data = (result.limitTrace?.samples ?? []).map((sample) => ({ x: sample.atMs / 1000, y: sample.limit }));
    return {
      label: result.label,
      data,
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: 0,
      borderWidth: 2,
      stepped: true,
      ...(dash === 0 ? {} : { borderDash: [2 + 2 * dash, 3] }),
    };
  });
  const end = Math.max(0, ...lines.flatMap((line) => line.data.map((point) => point.x)));
  const start = Math.min(end, ...lines.flatMap((line) => line.data.map((point) => point.x)));
  const reference = capacities(scenario).map((entry, index) => ({
    label: entry.label,
    data: [
      { x: start, y: entry.capacity },
      { x: end, y: entry.capacity },
    ],
    borderColor: IDEAL_COLOUR,
    backgroundColor: 'rgba(0,0,0,0)',
    borderWidth: 1,
    borderDash: index === 0 ? [6, 4] : [2, 3],
    pointRadius: 0,
  }));
  const base = baseOptions('Adaptive limit trace', 'limit (requests in flight)');
  return {
    id: `${scenario.id}-limit-trace`,
    title: `${scenario.title}: adaptive limit trace over the measured batches`,
    config: {
      type: 'line',
      data: { datasets: [...lines, ...reference] },
      options: {
        ...base,
        scales: { ...base.scales, x: { type: 'linear', title: { display: true, text: "seconds since the level's first batch" } } },
      },
    },
  };
}
