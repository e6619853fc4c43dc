import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenarioConclusions } from '../reports/conclusions.ts';
import { renderConsole } from '../reports/console.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { resultsTable } from '../reports/results-table.ts';
import type { ScenarioResults } from '../results/types.ts';
import { allRunnersResults, completedResult, failedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

function conclusions(scenario: ScenarioResults): string[] {
  return scenarioConclusions(scenario, resultsFile([scenario]));
}

function table(scenario: ScenarioResults) {
  return resultsTable(scenario, resultsFile([scenario]).runners);
}

test('the conclusion names the verdict, the goodput and speed-up of its best row, each model at its limit and what the pools added', () => {
  const lines = conclusions(scenarioResults({ results: allRunnersResults() }));
  assert.match(
    lines[0] ?? '',
    /^promise-concurrent was fastest: 31% ahead of worker-threads \(Welch p < 0\.001, effect size \d+\.\d\)\. promise-concurrent 1x50 answered 1,900 req\/s, 35x the goodput of sequential/,
  );
  assert.ok(
    lines.includes('Each model at its limit against sequential: promise-concurrent 35x, worker-threads 26x, child-process 19x.'),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) =>
      /^worker-threads \(1 thread of 50 lanes\) added nothing over promise-concurrent and was 1\.3x slower \(.*\): the single event loop was busy only 20% of the time, so more threads had nothing to take over/.test(
        l,
      ),
    ),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => l.startsWith('Efficiency fell to 34% for child-process 1x50')));
  assert.ok(lines.some((l) => l.startsWith('Client saturated: child-process 1x50 (CPU 1.9 of 2 cores)')));
});

test('child-process conclusions speak of processes, in the nouns results.json gives it', () => {
  const lines = conclusions(
    scenarioResults({
      results: [
        completedResult('promise-concurrent', 10, 500),
        completedResult('child-process', 10, 505, { layout: { workers: 2, lanes: 5, inFlight: 10 } }),
      ],
    }),
  );
  const pool = lines.find((line) => line.startsWith('child-process'));
  assert.match(
    pool ?? '',
    /^child-process \(2 processes of 5 lanes\) added nothing over promise-concurrent .* so more processes had nothing/,
  );
  assert.doesNotMatch(lines.join('\n'), /threads/);
});

test('the limits come from results.json: try higher only where tryHigher, tune named where the limit is not bracketed', () => {
  const gaining = conclusions(
    scenarioResults({
      id: 'io-bound',
      results: [
        completedResult('sequential', 1, 55),
        completedResult('promise-concurrent', 10, 520),
        completedResult('promise-concurrent', 50, 1900),
      ],
    }),
  );
  assert.ok(
    gaining.includes(
      'Still gaining at the highest level measured: promise-concurrent (1,900 req/s at 50 in flight against 520 req/s at 10); try higher with --concurrency, or `npm run tune -- --scenario io-bound`.',
    ),
    gaining.join('\n'),
  );
  const flat = conclusions(
    scenarioResults({
      results: [
        completedResult('promise-concurrent', 10, 1000),
        completedResult('promise-concurrent', 50, 1010),
        completedResult('worker-threads', 50, 990),
      ],
    }),
  );
  assert.ok(!flat.some((line) => /gaining|try higher/i.test(line)), flat.join('\n'));
  assert.ok(
    flat.some((line) => /^Limits .*promise-concurrent 10 in flight \(1,000 req\/s/.test(line)),
    'the smallest level within 95% of the best',
  );
  assert.ok(
    flat.some((line) =>
      /^Not bracketed for promise-concurrent and worker-threads: .*`npm run tune -- --scenario io-bound` finds it/.test(line),
    ),
    flat.join('\n'),
  );
  const single = conclusions(scenarioResults({ results: [completedResult('promise-concurrent', 50, 1900)] }));
  assert.ok(!single.some((line) => /try higher/.test(line)), 'one level never says try higher');
});

test('a level that broke a threshold is never called the limit', () => {
  const results = [
    completedResult('promise-concurrent', 6, 122),
    completedResult('promise-concurrent', 16, 123, { latencyMs: { ...completedResult('sequential', 1, 1).latencyMs, p99: 250 } }),
  ];
  const thresholds = [
    {
      expression: 'p99<100ms',
      results: [
        { runner: 'promise-concurrent', concurrency: 6, value: 18, pass: true },
        { runner: 'promise-concurrent', concurrency: 16, value: 250, pass: false },
      ],
    },
  ];
  const lines = conclusions(scenarioResults({ results, thresholds }));
  const limits = lines.find((line) => line.startsWith('Limits'));
  assert.match(limits ?? '', /that meets p99<100ms\): promise-concurrent 6 in flight/);
  assert.ok(!lines.some((line) => /16 in flight/.test(line) && !line.startsWith('Still')), lines.join('\n'));
});

test('failures and errors are reported, never as goodput', () => {
  const scenario = scenarioResults({
    results: [
      completedResult('sequential', 1, 55, { errors: { total: 3, byKind: { timeout: 3 } }, errorRate: 0.01 }),
      failedResult('child-process', 10),
    ],
  });
  const lines = conclusions(scenario);
  assert.ok(lines.includes('sequential 1x1 had 3 failed requests (timeout 3), not counted as goodput.'), lines.join('\n'));
  assert.ok(table(scenario).notes.includes('child-process 1x10 failed (POOL_CRASHED): worker exited with code 1'));
  assert.deepEqual(conclusions(scenarioResults({ results: [failedResult('child-process', 10)] })), [
    'No level completed, so there is nothing to compare: the table says why each failed.',
  ]);
});

test('an ERROR_RATE level is a failed row with its errors: no goodput, no verdict, no limit', () => {
  const rated = {
    ...failedResult('promise-concurrent', 50),
    error: {
      code: 'ERROR_RATE',
      message: 'promise-concurrent at 50 in flight failed: 40% of its requests failed (timeout 40%), above the 1.0% limit',
    },
    errors: { total: 40, requests: 100, byKind: { timeout: 40 } },
  };
  const scenario = scenarioResults({
    results: [completedResult('sequential', 1, 55), completedResult('promise-concurrent', 10, 500), rated],
  });
  const rendered = table(scenario);
  const column = (name: string): number => rendered.headers.indexOf(name);
  assert.equal(rendered.rows[2]?.[column('Goodput')], 'failed');
  assert.equal(rendered.rows[2]?.[column('Errors')], '40 of 100 (40%)');
  assert.ok(column('Attempts/s') > column('Goodput'), 'attempts/s stands beside the goodput where errors exist');
  assert.deepEqual(
    scenario.bestLevels?.map((best) => best.kind === 'found' && best.concurrency),
    [10],
  );
  assert.ok(!conclusions(scenario).some((line) => /50 in flight/.test(line) && !line.includes('failed')));
});

test('the table ranks goodput, never batch time (batches differ in size), and says how much faster than the baseline', () => {
  const rendered = table(scenarioResults({ results: allRunnersResults() }));
  const column = (name: string): number => rendered.headers.indexOf(name);
  assert.deepEqual(
    rendered.rows.map((row) => row[column('vs sequential')]),
    ['baseline', '9.5x faster', '35x faster', '9.3x faster', '26x faster', '9.4x faster', '19x faster'],
  );
  assert.deepEqual(
    rendered.best.map((row) => row[column('Goodput')]),
    [false, false, true, false, false, false, false],
  );
  assert.ok(
    rendered.best.every((row) => row[column('Batch time')] === false),
    'batch time is not ranked',
  );
  assert.ok(
    rendered.best.every((row) => row[column('Errors')] === false),
    'equal values are not highlighted',
  );
  assert.ok(
    rendered.best.every((row) => row[column('CPU')] === false),
    'CPU is not ranked',
  );
  const sequentialFast = table(
    scenarioResults({
      results: [
        completedResult('sequential', 1, 55, { requests: 8, wallMs: { mean: 150, stdev: 1, min: 149, max: 151 } }),
        completedResult('promise-concurrent', 50, 1900, { requests: 400, wallMs: { mean: 210, stdev: 1, min: 209, max: 211 } }),
      ],
    }),
  );
  assert.deepEqual(
    sequentialFast.rows.map((row) => row[sequentialFast.headers.indexOf('Batch time')]),
    ['150 ms for 8', '210 ms for 400'],
  );
  assert.equal(sequentialFast.best[0]?.some(Boolean), false, 'the sequential row highlights nothing');
  const slower = table(scenarioResults({ results: [completedResult('sequential', 1, 100), completedResult('worker-threads', 1, 50)] }));
  assert.equal(slower.rows[1]?.[slower.headers.indexOf('vs sequential')], '2.0x slower');
});

test('summary.md and the console carry the tables and the conclusions; Markdown cannot smuggle HTML', () => {
  const file = resultsFile([scenarioResults({ title: '<img src=x onerror=alert(1)> | pipe', results: allRunnersResults() })]);
  const markdown = renderMarkdown(file);
  assert.match(markdown, /^## &lt;img src=x onerror=alert\(1\)> \\\| pipe$/m);
  assert.match(markdown, /\| promise-concurrent 1x50 \| 52\.6 ms \| \*\*1,900 req\/s\*\* \| \*\*35x faster\*\* \|/);
  assert.match(markdown, /^- promise-concurrent was fastest/m);
  assert.match(markdown, /Node: 20\.0\.0 \(V8 11\)/);
  assert.match(markdown, /`npm run tune -- --scenario <id>`/, 'summary.md names tune as the way to the limit');
  const terminal = renderConsole(file);
  assert.match(terminal, /- promise-concurrent was fastest: 31% ahead/);
});

test("the articles' claims in words: threads held by CPython's GIL stay near one core, processes use both", () => {
  const noLoop = { main: undefined, workersMax: undefined };
  const cores = (coresUsed: number) => ({ userMs: 10, systemMs: 1, coresUsed });
  const base = scenarioResults();
  const cpuBound = scenarioResults({
    id: 'cpu-bound',
    workload: { ...base.workload, cpuWork: { kind: 'busy', ms: 5 } },
    results: [
      completedResult('python-sequential', 1, 80, { cpu: cores(0.45), eventLoop: noLoop }),
      completedResult('python-threading', 4, 130, {
        cpu: cores(0.98),
        eventLoop: noLoop,
        layout: { workers: 4, lanes: 1, inFlight: 4 },
      }),
      completedResult('python-multiprocessing', 4, 185, {
        cpu: cores(1.9),
        eventLoop: noLoop,
        layout: { workers: 2, lanes: 2, inFlight: 4 },
      }),
      completedResult('python-asyncio', 4, 120, { eventLoop: noLoop }),
    ],
  });
  const lines = conclusions(cpuBound);
  assert.ok(
    lines.includes(
      "python-threading used 0.98 cores of 2 (CPython's GIL: one thread runs Python code at a time); it answered 1.6x the goodput of python-sequential by overlapping the waits, not by running the work at once; python-multiprocessing used 1.90 cores of 2 and answered 1.4x the goodput of python-threading.",
    ),
    lines.join('\n'),
  );
  // The Python hosts do not measure their event loop: no reason is drawn from a loop busy "0%".
  assert.doesNotMatch(lines.join('\n'), /busy only 0%/);
  assert.ok(
    lines.some((line) => /^python-threading .* added nothing over python-asyncio .*: CPython's GIL/.test(line)),
    lines.join('\n'),
  );

  const ioBound = scenarioResults({
    results: [
      completedResult('python-threading', 30, 1250, {
        efficiency: 0.69,
        eventLoop: noLoop,
        layout: { workers: 30, lanes: 1, inFlight: 30 },
      }),
      completedResult('python-asyncio', 30, 1580, { efficiency: 0.87, eventLoop: noLoop }),
    ],
  });
  assert.ok(
    conclusions(ioBound).includes(
      'On I/O, where the articles have asyncio and threading both near the bound: of the exact ideal, python-asyncio 87% and python-threading 69%.',
    ),
    conclusions(ioBound).join('\n'),
  );
});
