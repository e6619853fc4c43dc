import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportCharts, scenarioCharts } from '../reports/chart-configs.ts';
import { boundThroughput, idealThroughput } from '../reports/charts/scaling.ts';
import { allRunnersResults, completedResult, failedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

const scenario = scenarioResults({ results: allRunnersResults() });
const specs = scenarioCharts(scenario, { cores: 2 });

function spec(suffix: string) {
  const found = specs.find((s) => s.id === `io-bound-${suffix}`);
  assert.ok(found, `chart io-bound-${suffix}`);
  return found;
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

test('throughput bars carry the 95% CI of each result as whiskers', () => {
  const config = spec('throughput').config;
  assert.deepEqual(
    config.data.datasets[0]?.data,
    allRunnersResults().map((r) => r.throughput.mean),
  );
  assert.deepEqual(
    config.options?.plugins?.errorBars?.ranges,
    allRunnersResults().map((r) => [...(r.throughput.ci95 ?? [])]),
  );
});

test('the scaling chart has one line per runner, the exact ideal requests / idealWallMs, and the bound dashed', () => {
  const datasets = spec('scaling').config.data.datasets;
  assert.deepEqual(
    datasets.map((d) => d.label),
    ['sequential', 'promise-concurrent', 'worker-threads', 'child-process', 'ideal', 'bound'],
  );
  const bound = datasets[5];
  assert.ok(bound && 'borderDash' in bound && Array.isArray(bound.borderDash), 'the bound is dashed');
  assert.ok(!('borderDash' in (datasets[4] ?? {})), 'the exact ideal is the solid reference');
  assert.deepEqual(
    (bound.data as { x: number; y: number }[]).map((point) => point.x),
    [1, 10, 50],
  );
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
});

test('the latency split stacks only the parts that took time; CPU shows the cores available', () => {
  const split = spec('latency-split').config;
  assert.deepEqual(
    split.data.datasets.map((d) => d.label),
    ['waiting for a free slot', 'server', 'rest (network, client)'],
  );
  const y = split.options?.scales?.y;
  assert.ok(y && 'stacked' in y && y.stacked === true, 'bars stack');
  const cpu = spec('cpu').config.data.datasets;
  assert.deepEqual(
    cpu[1]?.data,
    allRunnersResults().map(() => 2),
  );
  assert.deepEqual(
    spec('memory').config.data.datasets[0]?.data,
    allRunnersResults().map(() => 80),
  );
});

test('failed results are left out of charts; a scenario with none completed has no charts', () => {
  const mixed = scenarioCharts(scenarioResults({ results: [completedResult('sequential', 1, 55), failedResult('worker-threads', 10)] }), {
    cores: 2,
  });
  assert.deepEqual(mixed[0]?.config.data.labels, ['sequential 1x1']);
  assert.deepEqual(scenarioCharts(scenarioResults({ results: [failedResult('worker-threads', 10)] }), { cores: 2 }), []);
});
