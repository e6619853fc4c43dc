import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderConsole, renderConsoleOverview } from '../reports/console.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { overview } from '../reports/overview.ts';
import { teaches } from '../reports/overview-row.ts';
import { overviewCells, overviewHeaders } from '../reports/overview-table.ts';
import type { CompletedResult, ScenarioResults } from '../results/types.ts';
import { defaultLikeResults } from './support/default-run-fixture.ts';
import { completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

const workload = scenarioResults().workload;

function scenario(id: string, results: CompletedResult[], changes: Partial<ScenarioResults['workload']> = {}): ScenarioResults {
  return scenarioResults({ id, title: id, results, workload: { ...workload, ...changes } });
}

const MIB = 1024 * 1024;
const memory = (peak: number, idle: number) => ({
  memory: { peakRssBytes: peak * MIB, mainPeakRssBytes: peak * MIB, workersPeakRssBytes: [], baselineRssBytes: idle * MIB },
});

/** One loop and both pools within 3% of each other: a tie, the loop at a third of the memory. */
const ioTie = scenario('io-bound', [
  completedResult('sequential', 1, 55),
  completedResult('promise-concurrent', 50, 1000, memory(60, 56)),
  completedResult('worker-threads', 50, 1010, memory(180, 170)),
  completedResult('child-process', 50, 1005, memory(180, 168)),
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

test('one row per scenario; a tie is called a tie, with its p-value, and lists every tied model with its cost at its limit', () => {
  const file = resultsFile([ioTie, cpuWin]);
  const { rows } = overview(file);
  assert.deepEqual(
    rows.map((row) => row.id),
    ['io-bound', 'cpu-bound'],
  );
  const headers = overviewHeaders(file);
  assert.deepEqual(headers.slice(3, 6), ['Best goodput', 'vs sequential', 'Limit (in flight)']);
  const [io, cpu] = rows.map(overviewCells);
  assert.match(io?.[2] ?? '', /^tie: /);
  assert.match(io?.[2] ?? '', /\(p [<\d]/);
  assert.match(io?.[6] ?? '', /promise-concurrent at 50: 0\.10 cores, 60\.0 MiB \(\+4\.0 MiB\)/, 'peak, and above the idle host');
  assert.match(io?.[6] ?? '', /worker-threads .*child-process|child-process .*worker-threads/);
  assert.equal(io?.[4], '18x');
  assert.equal(io?.[5], '50, not bracketed');
  assert.match(cpu?.[2] ?? '', /^worker-threads \(p /);
  assert.equal(rows[1]?.leaders.length, 1);
});

test('advice: one loop "matched" the pools on I/O at a share of their memory, with the in-flight cost; pools for CPU only when they won', () => {
  const both = overview(resultsFile([ioTie, cpuWin])).advice;
  const io = both.find((line) => line.startsWith('For I/O-bound calls'));
  assert.ok(io, both.join('\n'));
  assert.match(
    io,
    /\(io-bound\) one event loop \(promise-concurrent\) with a limit of 50 matched threads and processes at 0\.3x their peak memory .*holding its requests in flight cost \+4\.0 MiB above the idle host, theirs \+10\.0 MiB to \+12\.0 MiB/,
  );
  const cpu = both.find((line) => line.startsWith('Use threads'));
  assert.ok(cpu, both.join('\n'));
  assert.match(cpu, /on cpu-bound \(busy 5 ms per response\) worker-threads answered 1\.9x the requests per second of promise-concurrent/);
  assert.match(
    both[0] ?? '',
    /^Concurrency paid in every scenario that measured sequential: the best model answered from 3\.4x \(cpu-bound\) to 18x \(io-bound\)/,
  );
  const ioOnly = overview(resultsFile([ioTie])).advice;
  assert.ok(!ioOnly.some((line) => /^Use /.test(line)), ioOnly.join('\n'));
  assert.ok(!ioOnly.some((line) => line.includes('server sets the limit')), 'no server limit in these scenarios');
});

test('advice: when one loop wins outright it "beat" the pools; no baseline, no speed-up sentence', () => {
  const won = scenario('io-bound', [completedResult('promise-concurrent', 50, 1900), completedResult('worker-threads', 50, 1000)]);
  const { rows, advice } = overview(resultsFile([won]));
  assert.equal(rows[0]?.verdict?.kind, 'winner');
  assert.equal(rows[0]?.speedUp, undefined);
  assert.ok(!advice.some((line) => line.startsWith('Concurrency paid')), advice.join('\n'));
  assert.match(advice.find((line) => line.startsWith('For I/O-bound')) ?? '', / beat threads /);
});

test('the server limit is measured against the leader\'s limit; "try higher" comes only from tryHigher, with the tune command', () => {
  const capped = scenario(
    'saturating-backend',
    [completedResult('promise-concurrent', 16, 600), completedResult('promise-concurrent', 64, 1500)],
    { server: { ...workload.server, capacity: 32 }, meanLatencyMs: 20 },
  );
  const { rows, advice } = overview(resultsFile([capped]));
  assert.match(
    advice.find((line) => line.startsWith('Where the server sets the limit')) ?? '',
    /on saturating-backend \(capacity 32 at 20 ms: at most 1,600 req\/s\) the leader's limit was 64 in flight at 1,500 req\/s \(94% of that\)/,
  );
  assert.equal(overviewCells(rows[0] as (typeof rows)[number])[5], '64, try higher');
  assert.equal(
    advice.find((line) => line.startsWith('The leader still gained')),
    'The leader still gained at the highest level measured on saturating-backend (64 in flight): try higher with --concurrency, or find the limit with `npm run tune -- --scenario saturating-backend`.',
  );
  const flat = scenario('io-bound', [completedResult('promise-concurrent', 16, 1480), completedResult('promise-concurrent', 64, 1500)]);
  const flatOverview = overview(resultsFile([flat]));
  assert.ok(!flatOverview.advice.some((line) => /try higher|still gained/.test(line)), flatOverview.advice.join('\n'));
  assert.equal(overviewCells(flatOverview.rows[0] as (typeof rows)[number])[5], '16, not bracketed');
  assert.match(
    flatOverview.advice.find((line) => line.startsWith("The leader's limit is not bracketed")) ?? '',
    /on io-bound \(no level measured on both sides of it\): find it with `npm run tune -- --scenario io-bound`/,
  );
  const bracketed = scenario('io-bound', [
    completedResult('promise-concurrent', 8, 900),
    completedResult('promise-concurrent', 16, 1480),
    completedResult('promise-concurrent', 64, 1500),
  ]);
  const found = overview(resultsFile([bracketed]));
  assert.equal(overviewCells(found.rows[0] as (typeof rows)[number])[5], '16, bracketed');
  assert.ok(!found.advice.some((line) => /bracketed|tune/.test(line)), found.advice.join('\n'));
});

test('a partial scenario says so in its verdict cell, its conclusion and the advice', () => {
  const partial = scenarioResults({ partial: true });
  const file = resultsFile([partial]);
  const { rows, advice } = overview(file);
  assert.match(overviewCells(rows[0] as (typeof rows)[number])[2] ?? '', /\(partial: not every level ran\)$/);
  assert.match(advice[0] ?? '', /^Partial verdicts on io-bound/);
  assert.match(renderMarkdown(file), /- Partial verdict \(partial: not every level ran; it stands on the levels measured\): /);
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

test('the console ends with the overview and its advice', () => {
  const text = renderConsole(resultsFile([ioTie, cpuWin]));
  const overviewAt = text.indexOf('Overview: which model, what limit');
  assert.ok(overviewAt > text.lastIndexOf('Efficiency'), 'after every table');
  assert.match(text.slice(overviewAt), /- Use threads/);
});

test('the console overview of a default-like run is at most 120 columns wide, advice included', () => {
  const text = renderConsoleOverview(defaultLikeResults());
  const lines = text.split('\n');
  const widest = Math.max(...lines.map((line) => [...line].length));
  assert.ok(widest <= 120, `widest line ${widest}:\n${lines.find((line) => [...line].length === widest)}`);
  assert.ok(lines.length > 20, 'eight scenarios and their advice');
  assert.match(text, /`npm run tune -- --scenario <id>`/, 'a command is never split over two lines');
  for (const id of defaultLikeResults().scenarios.map((s) => s.id)) assert.ok(text.includes(id), id);
});
