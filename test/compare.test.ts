import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCHEMA_VERSION, type CompletedResult, type ResultsFile } from '../results/types.ts';
import type { ComparedRow } from '../results/comparison.ts';
import { compareRuns } from '../harness/compare/compare-runs.ts';
import { regressions } from '../harness/compare/regressions.ts';
import { comparisonHeadline } from '../reports/compare/comparison-headline.ts';
import { renderComparisonHtml } from '../reports/compare/html.ts';
import { welchTTest } from '../harness/statistics/welch.ts';
import { completedResult, failedResult, measuredResult, resultsFile, scenarioResults } from './support/results-fixture.ts';
import { runCli } from './support/run-cli.ts';

function file(results: CompletedResult[], title = 'I/O-bound'): ResultsFile {
  return resultsFile([scenarioResults({ title, results })]);
}

// Five iterations each side; stdev 10 req/s around 1,000 req/s.
const BASE = file([
  measuredResult('sequential', 1, { mean: 60, stdev: 1, n: 5 }),
  measuredResult('promise-concurrent', 10, { mean: 1000, stdev: 10, n: 5, p99: 20 }),
  measuredResult('promise-concurrent', 50, { mean: 1000, stdev: 10, n: 5 }),
  measuredResult('worker-threads', 10, { mean: 1000, stdev: 10, n: 5 }),
]);
const NEW = file([
  measuredResult('sequential', 1, { mean: 60.5, stdev: 1, n: 5 }), // well within the noise
  measuredResult('promise-concurrent', 10, { mean: 1200, stdev: 10, n: 5, p99: 15 }), // clearly faster
  measuredResult('promise-concurrent', 50, { mean: 880, stdev: 10, n: 5 }), // clearly slower, by 12%
  measuredResult('worker-threads', 10, { mean: 1003, stdev: 40, n: 5 }), // small and noisy
]);

test("Welch's t-test matches a reference implementation (scipy.stats.ttest_ind_from_stats, equal_var=False)", () => {
  const a = welchTTest({ mean: 100, stdev: 10, n: 5 }, { mean: 120, stdev: 15, n: 5 });
  assert.ok(a);
  assert.ok(Math.abs(a.t - 2.4806946917841692) < 1e-9, String(a.t));
  assert.ok(Math.abs(a.pValue - 0.042314286671685034) < 1e-6, String(a.pValue));
  const b = welchTTest({ mean: 500, stdev: 20, n: 3 }, { mean: 540, stdev: 25, n: 4 });
  assert.ok(b && Math.abs(b.pValue - 0.06629629961474953) < 1e-6, String(b?.pValue));
  assert.equal(welchTTest({ mean: 1, stdev: 0, n: 1 }, { mean: 2, stdev: 0, n: 5 }), undefined, 'one sample cannot be tested');
  assert.equal(welchTTest({ mean: 5, stdev: 0, n: 3 }, { mean: 5, stdev: 0, n: 3 })?.pValue, 1);
});

function rowsOf(base: ResultsFile, current: ResultsFile): ComparedRow[] {
  return compareRuns(base, current).scenarios.flatMap((scenario) => scenario.rows);
}

test('verdicts on known differences: faster, slower, no significant change', () => {
  const comparison = compareRuns(BASE, NEW);
  const rows = rowsOf(BASE, NEW);
  const verdicts = Object.fromEntries(rows.map((row) => [row.label, row.verdict]));
  assert.deepEqual(verdicts, {
    'sequential 1x1': 'no significant change',
    'promise-concurrent 1x10': 'faster',
    'promise-concurrent 1x50': 'slower',
    'worker-threads 1x10': 'no significant change',
  });
  const faster = rows.find((row) => row.label === 'promise-concurrent 1x10');
  assert.ok(faster && Math.abs(faster.improvement - 0.2) < 1e-12 && Math.abs(faster.p99Change + 0.25) < 1e-12);
  assert.deepEqual(
    regressions(comparison, 10).map(({ scenarioId, row }) => `${scenarioId} ${row.label}`),
    ['io-bound promise-concurrent 1x50'],
  );
  assert.deepEqual(regressions(comparison, 15), []);
});

test('a failed level (labelled `runner at N in flight`) is named against the completed row it would have met', () => {
  const failed = { ...failedResult('child-process', 10), label: 'child-process at 10 in flight' };
  const [scenario] = compareRuns(
    file([completedResult('child-process', 10, 500)]),
    resultsFile([scenarioResults({ results: [failed] })]),
  ).scenarios;
  assert.deepEqual(scenario?.notCompared, [{ reason: 'failed in new', rows: ['child-process 1x10'] }]);
});

test('compare: the headline counts the significant changes and names the worst', () => {
  const base = file([
    measuredResult('promise-concurrent', 10, { mean: 1000, stdev: 10, n: 5 }),
    measuredResult('promise-concurrent', 50, { mean: 1000, stdev: 10, n: 5 }),
  ]);
  const current = file([
    measuredResult('promise-concurrent', 10, { mean: 1200, stdev: 10, n: 5 }),
    measuredResult('promise-concurrent', 50, { mean: 800, stdev: 10, n: 5 }),
  ]);
  const headline = comparisonHeadline(compareRuns(base, current));
  assert.equal(headline.faster, 1);
  assert.equal(headline.slower, 1);
  assert.match(
    headline.sentence,
    /^2 significant changes in 2 compared results \(1 faster, 1 slower\)\. Worst: io-bound promise-concurrent 1x50, -20\.00% throughput \(p < 0\.001\)\.$/,
  );
  assert.match(comparisonHeadline(compareRuns(base, base)).sentence, /^No significant change in 2 compared results\.$/);
  const otherSeed = resultsFile([
    scenarioResults({
      results: current.scenarios[0]?.results ?? [],
      workload: { ...scenarioResults().workload, server: { latencyMs: 16, jitterMs: 0, bodyBytes: 256, seed: 7 } },
    }),
  ]);
  assert.match(comparisonHeadline(compareRuns(base, otherSeed)).sentence, / The set-ups differ \(server\.seed\): see the top\.$/);
});

test('the comparison page escapes scenario text and needs no script', () => {
  const html = renderComparisonHtml(
    compareRuns(
      file([completedResult('sequential', 1, 55)], '<img src=x onerror=alert(1)>'),
      file([completedResult('sequential', 1, 56)], '<img src=x onerror=alert(1)>'),
    ),
    {
      base: 'a.json',
      current: 'b.json',
    },
  );
  assert.ok(html.includes('<h2>&lt;img src=x onerror=alert(1)&gt;</h2>'));
  assert.doesNotMatch(html, /<img|<script/);
  assert.match(html, /default-src 'none'; style-src 'unsafe-inline'/);
});

describe('npm run compare, the real CLI', () => {
  let dir = '';
  let basePath = '';
  let newPath = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-compare-'));
    basePath = path.join(dir, 'base.json');
    newPath = path.join(dir, 'new.json');
    await writeFile(basePath, JSON.stringify(BASE));
    await writeFile(newPath, JSON.stringify(NEW));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('starts with the set-up, prints the verdicts and the footer, writes compare.html and compare.md; no threshold means exit 0', async () => {
    const out = path.join(dir, 'plain');
    const { code, stdout, stderr } = await runCli('compare.ts', [basePath, newPath, '--out', out], { timeoutMs: 30_000 });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Same set-up: client, seed, profile, workloads, machine and tool version match\.\n/);
    assert.match(stdout, /promise-concurrent 1x10 .*\+20\.00% .*\*\*\* .*faster/);
    assert.match(stdout, /promise-concurrent 1x50 .*-12\.00% .*\*\*\* .*slower/);
    assert.match(stdout, /sequential 1x1 .*no significant change/);
    assert.match(stdout, /In this case, there are 4 comparisons, you can thus expect the following amount of false-positive results:/);
    assert.match(await readFile(path.join(out, 'compare.html'), 'utf8'), /<td class="slower">slower<\/td>/);
    const markdown = await readFile(path.join(out, 'compare.md'), 'utf8');
    assert.match(markdown, /^\| promise-concurrent 1x50 \| 1,000 req\/s \| 880 req\/s \| -12\.00% \| \\\*\\\*\\\* \| ±/m);
    assert.match(markdown, /0\.20 false positives, when considering a {3}5% risk acceptance \(\*, \*\*, \*\*\*\),/);
  });

  test('--fail-on-regression exits 1 when a significant slowdown exceeds the percentage, 0 when not', async () => {
    const strict = await runCli('compare.ts', [basePath, newPath, '--out', path.join(dir, 'strict'), '--fail-on-regression', '10'], {
      timeoutMs: 30_000,
    });
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stdout, /Regression over 10%: io-bound promise-concurrent 1x50 throughput -12\.00%/);
    assert.doesNotMatch(strict.stdout, /set-ups differ/);
    const lenient = await runCli('compare.ts', [basePath, newPath, '--out', path.join(dir, 'lenient'), '--fail-on-regression', '15'], {
      timeoutMs: 30_000,
    });
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.doesNotMatch(lenient.stdout, /Regression/);
  });

  test('a regression between runs of different clients still exits 1, and says first and last that the client changed', async () => {
    const fetchRun = resultsFile(
      NEW.scenarios.map((scenario) => ({
        ...scenario,
        workload: { ...scenario.workload, client: { ...scenario.workload.client, kind: 'fetch' as const } },
      })),
    );
    const fetchPath = path.join(dir, 'fetch.json');
    await writeFile(fetchPath, JSON.stringify(fetchRun));
    const run = await runCli('compare.ts', [basePath, fetchPath, '--out', path.join(dir, 'fetch'), '--fail-on-regression', '10'], {
      timeoutMs: 30_000,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      /^Set-up differs in 1 setting \(base → new\): a change below may come from the set-up, not from the code\.\n {2}client\.kind: undici → fetch \(scenario io-bound\)\n/,
    );
    assert.match(run.stdout, /The set-ups differ \(client\.kind\): the regression may come from them \(see the top\)\.\n$/);
  });

  test('bad input: one line, exit 2', async () => {
    const bad = await runCli('compare.ts', [basePath, newPath, '--fail-on-regression', '-3'], { timeoutMs: 30_000 });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^Expected `--fail-on-regression` to be a number >= 0, got `-3`\n$/);
    const old = path.join(dir, 'old.json');
    await writeFile(old, JSON.stringify({ schemaVersion: 1 }));
    const stale = await runCli('compare.ts', [old, newPath], { timeoutMs: 30_000 });
    assert.equal(stale.code, 2);
    assert.match(stale.stderr, new RegExp(`schema version ${SCHEMA_VERSION}, got \`1\``));
  });
});
