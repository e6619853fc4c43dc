import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartContext, reportCharts, scenarioCharts } from '../reports/chart-configs.ts';
import { SLOT_WAIT_CAPTION } from '../reports/charts/latency-split.ts';
import { shade } from '../reports/charts/palette.ts';
import { boundThroughput, idealThroughput, ONE_LEVEL_CAPTION } from '../reports/charts/scaling.ts';
import type { CompletedResult, ScenarioResults } from '../results/types.ts';
import { allRunnersResults, completedResult, failedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

function chartsOf(scenario: ScenarioResults) {
  return scenarioCharts(scenario, chartContext(resultsFile([scenario])));
}

const scenario = scenarioResults({ results: allRunnersResults() });
const specs = chartsOf(scenario);

function spec(suffix: string, from = specs) {
  const found = from.find((s) => s.id.endsWith(`-${suffix}`));
  assert.ok(found, `chart ${suffix}`);
  return found;
}

function subtitle(chart: ReturnType<typeof spec>): string {
  const shown = chart.config.options?.plugins?.subtitle;
  return shown?.display ? [shown.text ?? ''].flat().join(' ') : '';
}

function title(chart: ReturnType<typeof spec>): string {
  return [chart.config.options?.plugins?.title?.text ?? ''].flat().join(' ');
}

test('every scenario gets the six charts, with unique file-safe ids', () => {
  const ids = reportCharts(resultsFile([scenario, scenarioResults({ id: 'other' })])).map((s) => s.id);
  assert.equal(ids.length, 12);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z0-9-]+$/);
  assert.deepEqual(
    specs.map((s) => s.id),
    ['throughput', 'latency', 'scaling', 'latency-split', 'cpu', 'memory'].map((suffix) => `io-bound-${suffix}`),
  );
});

test('configurations are plain JSON, so the page and the PNG renderer get the same thing', () => {
  for (const chart of specs) assert.deepEqual(JSON.parse(JSON.stringify(chart.config)), chart.config, chart.id);
});

test('the goodput chart says what ran: whiskers and their iterations only where a 95% CI exists', () => {
  const five = (runner: string, level: number, goodput: number): CompletedResult =>
    completedResult(runner, level, goodput, { iterations: 5 });
  const full = spec('throughput', chartsOf(scenarioResults({ results: [five('sequential', 1, 55), five('promise-concurrent', 10, 500)] })));
  assert.match(title(full), /^Goodput: answered requests \/ mean wall \(95% CI whiskers from 5 iterations\)$/);
  assert.deepEqual(full.config.options?.plugins?.errorBars?.ranges, [
    [52, 58],
    [497, 503],
  ]);
  const two = (runner: string, level: number, goodput: number): CompletedResult =>
    completedResult(runner, level, goodput, { iterations: 2, throughput: { mean: goodput, stdev: 1, best: goodput } });
  const short = spec('throughput', chartsOf(scenarioResults({ results: [two('sequential', 1, 55), two('promise-concurrent', 10, 500)] })));
  assert.match(title(short), /no whiskers: 2 iterations ran, a 95% CI needs 5/);
  assert.doesNotMatch(title(short), /from 5 iterations/);
  assert.deepEqual(short.config.options?.plugins?.errorBars?.ranges, [null, null]);
  const mixed = spec('throughput', chartsOf(scenarioResults({ results: [five('sequential', 1, 55), two('promise-concurrent', 10, 500)] })));
  assert.match(title(mixed), /95% CI whiskers where 5 or more iterations ran \(5\); none where 2 ran/);
});

test("colours come from results.json's facts; limiter rows are shades of their runner's colour, never one colour for all", () => {
  const runners = resultsFile([scenario]).runners;
  const colourOf = (id: string): string => runners.find((facts) => facts.id === id)?.colour ?? '';
  assert.deepEqual(
    spec('throughput').config.data.datasets[0]?.backgroundColor,
    allRunnersResults().map((r) => colourOf(r.runner)),
  );
  const limited = scenarioResults({
    results: [
      completedResult('promise-concurrent', 10, 500),
      completedResult('promise-concurrent', 10, 480, { limiter: 'p-limit', label: 'promise-concurrent/p-limit 1x10' }),
      completedResult('promise-concurrent', 10, 470, { limiter: 'vegas', label: 'promise-concurrent/vegas 1x10' }),
      completedResult('worker-threads', 10, 460, { limiter: 'vegas', label: 'worker-threads/vegas 1x10' }),
    ],
  });
  const colours = spec('throughput', chartsOf(limited)).config.data.datasets[0]?.backgroundColor;
  const base = colourOf('promise-concurrent');
  assert.deepEqual(colours, [base, shade(base, 1), shade(base, 2), colourOf('worker-threads')]);
  assert.equal(new Set(Array.isArray(colours) ? colours : []).size, 4);
  const lines = spec('scaling', chartsOf(limited)).config.data.datasets;
  assert.deepEqual(
    lines.slice(0, 4).map((line) => [line.label, line.borderColor]),
    [
      ['promise-concurrent', base],
      ['promise-concurrent/p-limit', shade(base, 1)],
      ['promise-concurrent/vegas', shade(base, 2)],
      ['worker-threads/vegas', colourOf('worker-threads')],
    ],
  );
});

test('the scaling chart has one line per model, the exact ideal requests / idealWallMs, and the bound dashed', () => {
  const datasets = spec('scaling').config.data.datasets;
  assert.deepEqual(
    datasets.map((d) => d.label),
    ['sequential', 'promise-concurrent', 'worker-threads', 'child-process', 'ideal', 'bound'],
  );
  const bound = datasets[5];
  assert.ok(bound && 'borderDash' in bound && Array.isArray(bound.borderDash), 'the bound is dashed');
  assert.ok(!('borderDash' in (datasets[4] ?? {})), 'the exact ideal is the solid reference');
  assert.deepEqual(datasets[1]?.data, [
    { x: 10, y: 520 },
    { x: 50, y: 1900 },
  ]);
  const ideal = datasets[4]?.data as { x: number; y: number }[];
  const expected = (level: number): number =>
    Math.max(
      ...allRunnersResults()
        .filter((r) => r.concurrency === level)
        .map((r) => (r.requests / (r.idealWallMs ?? Number.NaN)) * 1000),
    );
  assert.deepEqual(
    ideal,
    [1, 10, 50].map((x) => ({ x, y: expected(x) })),
  );
  assert.equal(idealThroughput(completedResult('sequential', 1, 50, { requests: 100, idealWallMs: 1600 })), 62.5);
  assert.equal(boundThroughput(completedResult('sequential', 1, 50, { requests: 100, boundWallMs: 2000 })), 50);
  assert.equal(spec('scaling').config.options?.scales?.x?.type, 'logarithmic');
  assert.equal(subtitle(spec('scaling')), '', 'lines, no caption');
});

test('a scaling chart of one level per model draws its points and says to read the table', () => {
  const single = spec(
    'scaling',
    chartsOf(scenarioResults({ results: [completedResult('promise-concurrent', 10, 500), completedResult('worker-threads', 10, 480)] })),
  );
  assert.equal(subtitle(single), ONE_LEVEL_CAPTION.join(' '));
  const points = single.config.data.datasets.slice(0, 2);
  assert.deepEqual(
    points.map((line) => line.data),
    [[{ x: 10, y: 500 }], [{ x: 10, y: 480 }]],
  );
  for (const line of points) assert.ok('pointRadius' in line && Number(line.pointRadius) >= 4, 'drawn as visible points');
});

test('the latency split stacks only the parts that took time and explains the slot wait on the chart', () => {
  const split = spec('latency-split').config;
  assert.deepEqual(
    split.data.datasets.map((d) => d.label),
    ['waiting for a free slot', 'server', 'rest (network, client)'],
  );
  const y = split.options?.scales?.y;
  assert.ok(y && 'stacked' in y && y.stacked === true, 'bars stack');
  assert.equal(subtitle(spec('latency-split')), SLOT_WAIT_CAPTION.join(' '));
  assert.match(SLOT_WAIT_CAPTION.join(' '), /counts as submitted when the batch starts/);
  const noWait = chartsOf(
    scenarioResults({
      results: [
        completedResult('promise-concurrent', 10, 500, {
          latencySplitMs: { slotWait: 0, serverQueue: 0, serverServe: 16, rest: 0.4, backoff: 0, work: 0 },
        }),
      ],
    }),
  );
  assert.equal(subtitle(spec('latency-split', noWait)), '', 'no slot wait, nothing to explain');
});

test('CPU shows the cores available; memory stacks the idle host and what the level in flight cost above it', () => {
  const cpu = spec('cpu').config.data.datasets;
  assert.deepEqual(
    cpu[1]?.data,
    allRunnersResults().map(() => 2),
  );
  assert.deepEqual(
    spec('memory').config.data.datasets.map((d) => d.label),
    ['peak (MiB)'],
    'without an idle figure the peak stands alone',
  );
  const MIB = 1024 * 1024;
  const withIdle = chartsOf(
    scenarioResults({
      results: [
        completedResult('promise-concurrent', 10, 500, {
          memory: { peakRssBytes: 90 * MIB, mainPeakRssBytes: 90 * MIB, workersPeakRssBytes: [], baselineRssBytes: 80 * MIB },
        }),
      ],
    }),
  );
  const memory = spec('memory', withIdle).config.data.datasets;
  assert.deepEqual(
    memory.map((d) => [d.label, d.data]),
    [
      ['host at idle, after warm-up (MiB)', [80]],
      ['above idle: holding the level in flight (MiB)', [10]],
    ],
  );
});

test('failed results are left out of charts; a scenario with none completed has no charts', () => {
  const mixed = chartsOf(scenarioResults({ results: [completedResult('sequential', 1, 55), failedResult('worker-threads', 10)] }));
  assert.deepEqual(mixed[0]?.config.data.labels, ['sequential 1x1']);
  assert.deepEqual(chartsOf(scenarioResults({ results: [failedResult('worker-threads', 10)] })), []);
});
