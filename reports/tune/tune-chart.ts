import { formatMs } from '../../common/format.ts';
import { concurrencyCurve } from '../../results/tune-curve.ts';
import type { Recommendation, TuneFile, TunePoint, UslRecord } from '../../results/tune-types.ts';
import { uslThroughput } from '../../results/usl.ts';
import type { ChartSpec } from '../charts/chart-spec.ts';
import { IDEAL_COLOUR } from '../charts/palette.ts';
import { factsOf } from '../runner-facts.ts';

const P99_COLOUR = '#d62728';
const SLO_COLOUR = '#d62728';
const KNEE_COLOUR = '#111111';
/** Points along the fitted curve, spaced evenly on a log scale between the lowest and highest level measured. */
const CURVE_POINTS = 48;

/**
 * Throughput (left axis) and p99 (right axis) against requests in flight for one runner: Little's law as a
 * dashed line, the USL fit as a thin line over the measured points, the SLO as a dashed line on the p99 axis,
 * the recommended setting marked as the knee.
 */
export function tuneChart(tune: TuneFile, runner: string): ChartSpec {
  const curve = concurrencyCurve(tune.points.filter((point) => point.runner === runner));
  const recommendation = tune.recommendations.find((entry) => entry.runner === runner);
  const levels = curve.map((point) => point.concurrency);
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  const peak = Math.max(0, ...curve.map((point) => point.throughput));
  const xy = (value: (point: TunePoint) => number | undefined) =>
    curve.flatMap((point) => {
      const y = value(point);
      return y === undefined ? [] : [{ x: point.concurrency, y }];
    });
  return {
    id: `tune-${runner}`,
    title: `${runner}: throughput and p99 against requests in flight`,
    config: {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'throughput (req/s)',
            data: xy((point) => point.throughput),
            yAxisID: 'y',
            borderColor: factsOf(tune.runners, runner).colour,
            backgroundColor: factsOf(tune.runners, runner).colour,
            pointRadius: 4,
          },
          {
            label: "Little's law (in flight / mean latency)",
            data: xy((point) => point.littleThroughput),
            yAxisID: 'y',
            borderColor: IDEAL_COLOUR,
            backgroundColor: 'rgba(0,0,0,0)',
            borderDash: [6, 4],
            borderWidth: 1.5,
            pointRadius: 0,
          },
          {
            label: 'p99 (ms)',
            data: xy((point) => point.latencyMs.p99),
            yAxisID: 'p99',
            borderColor: P99_COLOUR,
            backgroundColor: P99_COLOUR,
            pointRadius: 3,
            pointStyle: 'rect',
          },
          {
            label: `SLO p99 <= ${formatMs(tune.slo.p99Ms)}`,
            data: [
              { x: lowest, y: tune.slo.p99Ms },
              { x: highest, y: tune.slo.p99Ms },
            ],
            yAxisID: 'p99',
            borderColor: SLO_COLOUR,
            backgroundColor: 'rgba(0,0,0,0)',
            borderDash: [2, 3],
            borderWidth: 1.5,
            pointRadius: 0,
          },
          ...uslDataset(
            (tune.usl ?? []).find((fit) => fit.runner === runner),
            lowest,
            highest,
            factsOf(tune.runners, runner).colour,
          ),
          ...kneeDataset(recommendation),
        ],
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: `${tune.scenario.title}: ${runner}`, font: { size: 15 } } },
        scales: {
          x: { type: highest / Math.max(1, lowest) >= 8 ? 'logarithmic' : 'linear', title: { display: true, text: 'requests in flight' } },
          // Little's law can run far above what was measured; the axis follows the measurements so the curve stays readable.
          y: { beginAtZero: true, max: niceCeiling(peak * 1.3), position: 'left', title: { display: true, text: 'requests/s' } },
          p99: {
            beginAtZero: true,
            position: 'right',
            grid: { drawOnChartArea: false },
            title: { display: true, text: 'p99 latency (ms)' },
          },
        },
      },
    },
  };
}

/** The fitted X(N) between the lowest and highest level measured, labelled with N* where there is one. */
function uslDataset(fit: UslRecord | undefined, lowest: number, highest: number, colour: string) {
  if (!fit || !(highest > lowest)) return [];
  const data = Array.from({ length: CURVE_POINTS }, (_, index) => {
    const x = lowest * (highest / lowest) ** (index / (CURVE_POINTS - 1));
    return { x, y: uslThroughput(fit, x) };
  });
  const peak = fit.peakConcurrency === undefined ? 'no retrograde region' : `N* = ${fit.peakConcurrency}`;
  return [
    {
      label: `USL fit (R² ${fit.r2.toFixed(3)}, ${peak})`,
      data,
      yAxisID: 'y',
      borderColor: colour,
      backgroundColor: 'rgba(0,0,0,0)',
      borderWidth: 2,
      borderDash: [2, 3],
      pointRadius: 0,
    },
  ];
}

function kneeDataset(recommendation: Recommendation | undefined) {
  if (!recommendation) return [];
  return [
    {
      label: `recommended: ${recommendation.concurrency} in flight`,
      data: [{ x: recommendation.concurrency, y: recommendation.throughput }],
      yAxisID: 'y',
      borderColor: KNEE_COLOUR,
      backgroundColor: KNEE_COLOUR,
      pointStyle: 'triangle' as const,
      pointRadius: 10,
      showLine: false,
    },
  ];
}

function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/** Runners with at least one measured point, in the order they were swept. */
export function tunedRunners(tune: TuneFile): string[] {
  return [...new Set(tune.points.map((point) => point.runner))];
}

export function tuneCharts(tune: TuneFile): ChartSpec[] {
  return tunedRunners(tune).map((runner) => tuneChart(tune, runner));
}
