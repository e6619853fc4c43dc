import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRuns } from '../harness/compare/compare-runs.ts';
import { notComparedLine } from '../reports/compare/not-compared-text.ts';
import { renderComparisonConsole } from '../reports/compare/console.ts';
import { runOf, row } from './support/compare-fixture.ts';
import { failedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

const NOISE = { stdev: 10, n: 5 };

test('two rows differing only in limiter are both compared, each against its own base', () => {
  const base = runOf([
    row('promise-concurrent', 30, { mean: 1000, ...NOISE }),
    row('promise-concurrent', 30, { mean: 500, ...NOISE }, { limiter: 'p-limit' }),
  ]);
  const current = runOf([
    row('promise-concurrent', 30, { mean: 1010, ...NOISE }),
    row('promise-concurrent', 30, { mean: 505, ...NOISE }, { limiter: 'p-limit' }),
  ]);
  const [scenario] = compareRuns(base, current).scenarios;
  assert.ok(scenario);
  assert.deepEqual(
    scenario.rows.map((r) => [r.label, r.limiter, r.base.throughputMean, r.current.throughputMean]),
    [
      ['promise-concurrent 1x30', 'lanes', 1000, 1010],
      ['promise-concurrent/p-limit 1x30', 'p-limit', 500, 505],
    ],
  );
  // Matched on runner and concurrency alone, 1010 would have met 500 (+102%): both changes are +1%.
  for (const r of scenario.rows) assert.ok(Math.abs(r.improvement - 0.01) < 1e-12, `${r.label} ${r.improvement}`);
  assert.deepEqual(scenario.notCompared, []);
});

test('two open-loop rows differing only in arrival rate are both compared; a closed-loop row is not their match', () => {
  const base = runOf([
    row('promise-concurrent', 30, { mean: 1000, ...NOISE }),
    row('promise-concurrent', 30, { mean: 200, ...NOISE }, { rate: 200 }),
    row('promise-concurrent', 30, { mean: 400, ...NOISE }, { rate: 400 }),
  ]);
  const current = runOf([
    row('promise-concurrent', 30, { mean: 400, ...NOISE }, { rate: 400 }),
    row('promise-concurrent', 30, { mean: 200, ...NOISE }, { rate: 200 }),
  ]);
  const [scenario] = compareRuns(base, current).scenarios;
  assert.ok(scenario);
  assert.deepEqual(
    scenario.rows.map((r) => [r.rate, r.base.throughputMean, r.current.throughputMean]),
    [
      [400, 400, 400],
      [200, 200, 200],
    ],
  );
  assert.deepEqual(scenario.notCompared, [{ reason: 'only in base', rows: ['promise-concurrent 1x30'] }]);
});

test('a pool of another layout is not compared, and says so', () => {
  const base = runOf([row('worker-threads', 30, { mean: 700, ...NOISE }, { layout: '2x15' })]);
  const current = runOf([row('worker-threads', 30, { mean: 720, ...NOISE }, { layout: '3x10' })]);
  const [scenario] = compareRuns(base, current).scenarios;
  assert.deepEqual(scenario?.rows, []);
  assert.deepEqual(scenario?.notCompared, [{ reason: 'layout differs', rows: ['worker-threads 3x10 (base 2x15)'] }]);
});

test('rows on one side only and failed rows are grouped into one line per scenario, by reason', () => {
  const base = runOf([
    row('sequential', 1, { mean: 55, ...NOISE }),
    row('worker-threads', 10, { mean: 500, ...NOISE }, { layout: '2x5' }),
    row('child-process', 10, { mean: 500, ...NOISE }, { layout: '2x5' }),
    failedResult('promise-concurrent', 50),
    ...[60, 70, 80, 90].map((c) => row('promise-concurrent', c, { mean: 900, ...NOISE })),
  ]);
  const current = resultsFile([
    scenarioResults({
      results: [
        row('sequential', 1, { mean: 56, ...NOISE }),
        row('worker-threads', 50, { mean: 900, ...NOISE }, { layout: '2x25' }),
        failedResult('child-process', 10),
        row('promise-concurrent', 50, { mean: 1900, ...NOISE }),
      ],
    }),
    scenarioResults({ id: 'cpu-bound', title: 'CPU-bound', results: [row('sequential', 1, { mean: 20, ...NOISE })] }),
  ]);
  const comparison = compareRuns(base, current);
  const [ioBound, cpuBound] = comparison.scenarios;
  assert.deepEqual(
    ioBound?.rows.map((r) => r.label),
    ['sequential 1x1'],
  );
  assert.equal(
    notComparedLine(ioBound?.notCompared ?? []),
    'not compared: 8 rows: 5 only in base (worker-threads 2x5, promise-concurrent 1x60, promise-concurrent 1x70 and 2 more); ' +
      '1 only in new (worker-threads 2x25); 1 failed in base (promise-concurrent 1x50); 1 failed in new (child-process 2x5)',
  );
  assert.equal(cpuBound?.id, 'cpu-bound');
  assert.equal(notComparedLine(cpuBound?.notCompared ?? []), 'not compared: 1 row: scenario only in new (sequential 1x1)');
  const console = renderComparisonConsole(comparison);
  assert.equal(console.match(/not compared:/gi)?.length, 2, 'one line per scenario');
});

test('a scenario only in the base run is listed after the new run’s, as one line', () => {
  const base = resultsFile([
    scenarioResults(),
    scenarioResults({ id: 'flaky-api', title: 'Flaky API', results: [row('sequential', 1, { mean: 50, ...NOISE })] }),
  ]);
  const comparison = compareRuns(base, resultsFile([scenarioResults()]));
  assert.deepEqual(
    comparison.scenarios.map((s) => [s.id, s.rows.length, notComparedLine(s.notCompared)]),
    [
      ['io-bound', 2, undefined],
      ['flaky-api', 0, 'not compared: 1 row: scenario only in base (sequential 1x1)'],
    ],
  );
});

test('a row a run holds twice is compared once and the repeat is named', () => {
  const base = runOf([row('sequential', 1, { mean: 55, ...NOISE }), row('sequential', 1, { mean: 99, ...NOISE })]);
  const [scenario] = compareRuns(base, runOf([row('sequential', 1, { mean: 55, ...NOISE })])).scenarios;
  assert.equal(scenario?.rows[0]?.base.throughputMean, 55);
  assert.deepEqual(scenario?.notCompared, [{ reason: 'repeated in one run', rows: ['sequential 1x1 (base)'] }]);
});
