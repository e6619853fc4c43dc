import { formatMs } from '../../common/format.ts';
import type { ScenarioResults } from '../../results/types.ts';
import { modelLabel, openLoopResults, openLoopSloMs } from '../open-loop-table.ts';
import type { ChartContext, ChartSpec } from './chart-spec.ts';
import { IDEAL_COLOUR, rowColours } from './palette.ts';

/**
 * The classic hockey stick: p99 latency from the intended start against the offered rate, one solid line per model
 * (and limit), its service time (p99 from the actual send) dotted in the same colour, and the SLO as a dashed line.
 * Where the two lines part, requests wait in the model's queue: capacity has run out, whatever service time says.
 */
export function hockeyStickChart(scenario: ScenarioResults, context: ChartContext): ChartSpec {
  const results = openLoopResults(scenario);
  const slo = openLoopSloMs(results) ?? 0;
  const rates = results.map((result) => result.arrival.offeredRate);
  const colour = rowColours(results, context.runners);
  // In the order results.json lists the runners (a label's runner is its rows' structured field, never parsed).
  const rank = (label: string): number =>
    context.runners.findIndex((facts) => facts.id === results.find((result) => modelLabel(result, results) === label)?.runner);
  const labels = [...new Set(results.map((result) => modelLabel(result, results)))].sort((a, b) => rank(a) - rank(b));
  const lines = labels.flatMap((label) => {
    const own = results
      .filter((result) => modelLabel(result, results) === label)
      .sort((x, y) => x.arrival.offeredRate - y.arrival.offeredRate);
    const lineColour = own[0] ? colour(own[0]) : IDEAL_COLOUR;
    return [
      {
        label: `${label}: p99 from intended start`,
        data: own.map((result) => ({ x: result.arrival.offeredRate, y: result.latencyMs.p99 })),
        borderColor: lineColour,
        backgroundColor: lineColour,
        pointRadius: 4,
      },
      {
        label: `${label}: p99 service (from send)`,
        data: own.map((result) => ({ x: result.arrival.offeredRate, y: result.serviceLatencyMs?.p99 ?? result.latencyMs.p99 })),
        borderColor: lineColour,
        backgroundColor: lineColour,
        borderDash: [2, 3],
        pointRadius: 2,
      },
    ];
  });
  const sloLine = {
    label: `SLO p99 ${formatMs(slo)}`,
    data: [
      { x: Math.min(...rates), y: slo },
      { x: Math.max(...rates), y: slo },
    ],
    borderColor: IDEAL_COLOUR,
    backgroundColor: IDEAL_COLOUR,
    borderDash: [8, 4],
    pointRadius: 0,
  };
  return {
    id: `${scenario.id}-hockey-stick`,
    title: `${scenario.title}: latency against offered rate`,
    config: {
      type: 'line',
      data: { datasets: [...lines, sloLine] },
      options: {
        animation: false,
        plugins: { title: { display: true, text: 'p99 latency against offered rate (open loop)', font: { size: 15 } } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'offered rate (requests/s)' } },
          y: { type: 'logarithmic', title: { display: true, text: 'p99 latency (ms, log scale)' } },
        },
      },
    },
  };
}
