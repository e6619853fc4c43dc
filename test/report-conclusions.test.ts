import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderConsole } from '../reports/console.ts';
import { scenarioConclusions } from '../reports/conclusions.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { resultsTable } from '../reports/results-table.ts';
import { allRunnersResults, completedResult, failedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

test('the conclusion names the fastest, its speed-up, what the pools added and where to look next', () => {
  const lines = scenarioConclusions(scenarioResults({ results: allRunnersResults() }));
  assert.match(
    lines[0] ?? '',
    /^promise-concurrent was fastest: 31% ahead of worker-threads \(Welch p < 0\.001, effect size \d+\.\d\)\. promise-concurrent 1x50 reached 1,900 req\/s, 35x the throughput of sequential/,
  );
  assert.ok(
    lines.includes('Best of each model against sequential: promise-concurrent 35x, worker-threads 26x, child-process 19x.'),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) =>
      /^worker-threads added nothing over promise-concurrent and was 1\.3x slower \(.*\): the single event loop was busy only 20% of the time, so more threads had nothing to take over/.test(
        l,
      ),
    ),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) =>
      l.startsWith('promise-concurrent, worker-threads and child-process still gained at the highest limit tried (50 in flight)'),
    ),
  );
  assert.ok(lines.some((l) => l.startsWith('Efficiency fell to 34% for child-process 1x50')));
  assert.ok(lines.some((l) => l.startsWith('Client saturated: child-process 1x50 (CPU 1.9 of 2 cores)')));
});

test('a difference Welch cannot tell from noise is a tie; a pool that wins on CPU work says why', () => {
  const close = scenarioConclusions(
    scenarioResults({
      workload: { ...scenarioResults().workload, cpuWork: { kind: 'busy', ms: 5 } },
      results: [
        completedResult('sequential', 1, 55),
        completedResult('promise-concurrent', 10, 200),
        completedResult('worker-threads', 10, 360),
      ],
    }),
  );
  assert.ok(
    close.some((l) => /^worker-threads was 1\.8x faster than promise-concurrent .*off the main loop\.$/.test(l)),
    close.join('\n'),
  );
  const busyLoop = scenarioConclusions(
    scenarioResults({
      results: [
        completedResult('promise-concurrent', 10, 200, { eventLoop: { main: 0.97, workersMax: 0.5 } }),
        completedResult('worker-threads', 10, 300),
      ],
    }),
  );
  assert.ok(
    busyLoop.includes(
      'worker-threads was 1.5x faster than promise-concurrent (300 req/s vs 200 req/s at best): the single event loop was busy 97% of the time.',
    ),
    busyLoop.join('\n'),
  );
  const noisy = scenarioConclusions(
    scenarioResults({ results: [completedResult('promise-concurrent', 10, 540), completedResult('worker-threads', 10, 538)] }),
  );
  assert.ok(
    noisy.some((l) => l.startsWith('A tie between promise-concurrent, worker-threads:')),
    noisy.join('\n'),
  );
});

test('failures and errors are reported, not hidden', () => {
  const lines = scenarioConclusions(
    scenarioResults({
      results: [completedResult('sequential', 1, 55, { errors: { total: 3, byKind: { timeout: 3 } } }), failedResult('child-process', 10)],
    }),
  );
  assert.ok(lines.includes('sequential 1x1 had 3 failed requests (timeout 3).'));
  assert.ok(lines.includes('child-process 1x10 failed (POOL_CRASHED): worker exited with code 1'));
  assert.deepEqual(
    scenarioConclusions(scenarioResults({ results: [failedResult('child-process', 10)] }))[0],
    'No runner completed, so there is nothing to compare.',
  );
});

test('the table marks the best value per column and says how much faster than sequential', () => {
  const table = resultsTable(scenarioResults({ results: allRunnersResults() }));
  const column = (name: string): number => table.headers.indexOf(name);
  assert.deepEqual(
    table.rows.map((row) => row[column('vs sequential')]),
    ['baseline', '9.5x faster', '35x faster', '9.3x faster', '26x faster', '9.4x faster', '19x faster'],
  );
  assert.deepEqual(
    table.best.map((row) => row[column('Throughput')]),
    [false, false, true, false, false, false, false],
  );
  assert.deepEqual(
    table.best.map((row) => row[column('Time')]),
    [false, false, true, false, false, false, false],
  );
  assert.ok(
    table.best.every((row) => row[column('Errors')] === false),
    'equal values are not highlighted',
  );
  assert.ok(
    table.best.every((row) => row[column('CPU')] === false),
    'CPU is not ranked',
  );
  const slower = resultsTable(
    scenarioResults({ results: [completedResult('sequential', 1, 100), completedResult('worker-threads', 1, 50)] }),
  );
  assert.equal(slower.rows[1]?.[column('vs sequential')], '2.0x slower');
});

test('summary.md and the console carry the tables and the conclusions; Markdown cannot smuggle HTML', () => {
  const file = resultsFile([scenarioResults({ title: '<img src=x onerror=alert(1)> | pipe', results: allRunnersResults() })]);
  const markdown = renderMarkdown(file);
  assert.match(markdown, /^## &lt;img src=x onerror=alert\(1\)> \\\| pipe$/m);
  assert.match(markdown, /\| promise-concurrent 1x50 \| \*\*52\.6 ms\*\* \| \*\*1,900 req\/s\*\* \| \*\*35x faster\*\* \|/);
  assert.match(markdown, /^- promise-concurrent was fastest/m);
  assert.match(markdown, /Node: 20\.0\.0 \(V8 11\)/);
  const terminal = renderConsole(file);
  assert.match(terminal, /- promise-concurrent was fastest: 31% ahead/);
});
