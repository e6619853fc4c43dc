import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARTICLE_ROWS, articlesComparison } from '../reports/articles-comparison.ts';
import { renderConsole } from '../reports/console.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { overview } from '../reports/overview.ts';
import { teaches } from '../reports/overview-row.ts';
import { overviewCells } from '../reports/overview-table.ts';
import type { CompletedResult, ScenarioResults } from '../results/types.ts';
import { completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

const workload = scenarioResults().workload;

function scenario(id: string, results: CompletedResult[], changes: Partial<ScenarioResults['workload']> = {}): ScenarioResults {
  return scenarioResults({ id, title: id, results, workload: { ...workload, ...changes } });
}

const MIB = 1024 * 1024;
const memory = (mib: number) => ({ memory: { peakRssBytes: mib * MIB, mainPeakRssBytes: mib * MIB, workersPeakRssBytes: [] } });

/** One loop and both pools within 3% of each other: a tie, the loop at a third of the memory. */
const ioTie = scenario('io-bound', [
  completedResult('sequential', 1, 55),
  completedResult('promise-concurrent', 50, 1000, memory(60)),
  completedResult('worker-threads', 50, 1010, memory(180)),
  completedResult('child-process', 50, 1005, memory(180)),
]);

/** The pools win clearly over one loop when every response costs 5 ms of CPU. */
const cpuWin = scenario(
  'cpu-bound',
  [
    completedResult('sequential', 1, 80),
    completedResult('promise-concurrent', 4, 140),
    completedResult('worker-threads', 4, 270),
    completedResult('child-process', 4, 200),
  ],
  { cpuWork: { kind: 'busy', ms: 5 } },
);

test('one row per scenario; a tie is called a tie, with its p-value, and lists every tied model with its cost', () => {
  const { rows } = overview(resultsFile([ioTie, cpuWin]));
  assert.deepEqual(
    rows.map((row) => row.id),
    ['io-bound', 'cpu-bound'],
  );
  const [io, cpu] = rows.map(overviewCells);
  assert.match(io?.[2] ?? '', /^tie: /);
  assert.match(io?.[2] ?? '', /\(p [<\d]/);
  assert.match(io?.[6] ?? '', /promise-concurrent 0\.10 cores, 60\.0 MiB/);
  assert.match(io?.[6] ?? '', /worker-threads .*child-process|child-process .*worker-threads/);
  assert.equal(io?.[4], '18x');
  assert.equal(io?.[5], '50');
  assert.match(cpu?.[2] ?? '', /^worker-threads \(p /);
  assert.equal(rows[1]?.leaders.length, 1);
});

test('advice: one loop "matched" the pools on I/O when they tie, and the pools are advised for CPU only when they won', () => {
  const both = overview(resultsFile([ioTie, cpuWin])).advice;
  const io = both.find((line) => line.startsWith('For I/O-bound calls'));
  assert.ok(io, both.join('\n'));
  assert.match(
    io,
    /\(io-bound\) one event loop \(promise-concurrent\) with a limit of 50 matched threads and processes at 0\.3x their memory/,
  );
  const cpu = both.find((line) => line.startsWith('Use worker threads'));
  assert.ok(cpu, both.join('\n'));
  assert.match(cpu, /on cpu-bound \(busy 5 ms per response\) worker-threads ran 1\.9x the throughput of promise-concurrent/);
  assert.match(
    both[0] ?? '',
    /^Concurrency paid in every scenario that measured sequential: the best model ran from 3\.4x \(cpu-bound\) to 18x \(io-bound\)/,
  );

  const ioOnly = overview(resultsFile([ioTie])).advice;
  assert.ok(!ioOnly.some((line) => /worker threads or|Use worker threads|Use child processes/.test(line)), ioOnly.join('\n'));
  assert.ok(!ioOnly.some((line) => line.includes('server sets the limit')), 'no server limit in these scenarios');
});

test('advice: when one loop wins outright it "beat" the pools; no sequential, no speed-up sentence', () => {
  const won = scenario('io-bound', [completedResult('promise-concurrent', 50, 1900), completedResult('worker-threads', 50, 1000)]);
  const { rows, advice } = overview(resultsFile([won]));
  assert.equal(rows[0]?.verdict?.kind, 'winner');
  assert.equal(rows[0]?.speedUp, undefined);
  assert.ok(!advice.some((line) => line.startsWith('Concurrency paid')), advice.join('\n'));
  assert.match(advice.find((line) => line.startsWith('For I/O-bound')) ?? '', / beat worker threads /);
});

test('advice: a server limit is named with the share of it reached; a best level at the top of the sweep says to try higher', () => {
  const capped = scenario(
    'saturating-backend',
    [completedResult('promise-concurrent', 16, 600), completedResult('promise-concurrent', 64, 1500)],
    { server: { ...workload.server, capacity: 32 }, meanLatencyMs: 20 },
  );
  const { advice } = overview(resultsFile([capped]));
  assert.match(
    advice.find((line) => line.startsWith('Where the server sets the limit')) ?? '',
    /on saturating-backend \(capacity 32 at 20 ms: at most 1,600 req\/s\) the best was 64 in flight at 1,500 req\/s \(94% of that\)/,
  );
  assert.match(
    advice.find((line) => line.startsWith('The best models still gained')) ?? '',
    /saturating-backend \(promise-concurrent at 64 in flight\)/,
  );
});

test('a scenario without completed results still has its row and supports no advice', () => {
  const empty = scenarioResults({ id: 'empty', results: [] });
  const { rows, advice } = overview(resultsFile([empty]));
  assert.equal(rows.length, 1);
  assert.deepEqual(overviewCells(rows[0] as (typeof rows)[number]).slice(2, 4), ['no verdict', 'nothing completed']);
  assert.deepEqual(advice, []);
});

test("what a scenario teaches: the built-in label, or a user's first sentence cut short", () => {
  assert.equal(teaches({ id: 'cpu-bound', description: 'whatever' }), 'CPU work on every response');
  assert.equal(teaches({ id: 'mine', description: 'Checks the login API. More text.' }), 'Checks the login API');
  const long = teaches({ id: 'mine', description: `${'word '.repeat(30)}end.` });
  assert.ok(long.length <= 61 && long.endsWith('…'), long);
});

test("the articles' table: four Python rows beside Node's best levels scaled to 1,000 requests, with the host stated", () => {
  const article = scenario('article-table', [
    completedResult('sequential', 1, 50),
    completedResult('promise-concurrent', 100, 4000),
    completedResult('worker-threads', 100, 2000),
  ]);
  const table = articlesComparison(article, resultsFile().environment);
  assert.deepEqual(
    table.rows.map((row) => [row[0], row[3], row[5]]),
    [
      ['Sequential', 'sequential', '20.0 s'],
      ['Threading', 'worker-threads', '500 ms'],
      ['Multiprocessing', 'child-process', ''],
      ['Asyncio', 'promise-concurrent', '250 ms'],
    ],
  );
  assert.equal(table.rows[2]?.[4], 'not run');
  assert.equal(ARTICLE_ROWS.length, 4);
  assert.match(table.note, /mean latency 16\.0 ms/);
  assert.match(table.note, /Test CPU <b>bold<\/b>, 2 cores, Node 20\.0\.0/);
  const markdown = renderMarkdown(resultsFile([article]));
  assert.match(markdown, /\| Threading \| 6 s \| 167 req\/s \| worker-threads \|/);
  assert.ok(markdown.indexOf('## Overview') < markdown.indexOf('## article-table'), 'the overview comes first');
});

test('the console ends with the overview and its advice', () => {
  const text = renderConsole(resultsFile([ioTie, cpuWin]));
  const overviewAt = text.indexOf('Overview: which model, what limit');
  assert.ok(overviewAt > text.lastIndexOf('Efficiency'), 'after every table');
  assert.match(text.slice(overviewAt), /- Use worker threads/);
});
