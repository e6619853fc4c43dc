import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CompletedResult, ResultsFile } from '../results/types.ts';
import { compareResults, regressions } from '../reports/compare/compare-results.ts';
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

test('verdicts on known differences: faster, slower, no significant change', () => {
  const comparison = compareResults(BASE, NEW);
  const verdicts = Object.fromEntries(comparison.rows.map((row) => [row.shape, row.verdict]));
  assert.deepEqual(verdicts, {
    'sequential 1x1': 'no significant change',
    'promise-concurrent 1x10': 'faster',
    'promise-concurrent 1x50': 'slower',
    'worker-threads 1x10': 'no significant change',
  });
  const faster = comparison.rows.find((row) => row.shape === 'promise-concurrent 1x10');
  assert.ok(faster && Math.abs(faster.throughputChange - 0.2) < 1e-12 && Math.abs(faster.p99Change + 0.25) < 1e-12);
  assert.deepEqual(
    regressions(comparison, 10).map((row) => row.shape),
    ['promise-concurrent 1x50'],
  );
  assert.deepEqual(regressions(comparison, 15), []);
});

test('results match on scenario id + runner + concurrency; the rest is listed, not compared', () => {
  const base = file([
    completedResult('sequential', 1, 55),
    completedResult('worker-threads', 10, 500),
    completedResult('child-process', 10, 500),
  ]);
  const current = resultsFile([
    scenarioResults({
      results: [completedResult('sequential', 1, 56), completedResult('worker-threads', 50, 900), failedResult('child-process', 10)],
    }),
    scenarioResults({ id: 'cpu-bound', results: [completedResult('sequential', 1, 20)] }),
  ]);
  const comparison = compareResults(base, current);
  assert.deepEqual(
    comparison.rows.map((row) => `${row.scenarioId} ${row.shape}`),
    ['io-bound sequential 1x1'],
  );
  assert.deepEqual(comparison.unmatched.map((u) => `${u.scenarioId} ${u.shape}: ${u.reason}`).sort(), [
    'cpu-bound sequential 1x1: only in new',
    'io-bound child-process 1x10: failed in new',
    'io-bound worker-threads 1x10: only in base',
    'io-bound worker-threads 1x50: only in new',
  ]);
});

test('the comparison page escapes scenario text and needs no script', () => {
  const html = renderComparisonHtml(
    compareResults(
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

  test('prints the verdicts and writes compare.html; no threshold means exit 0', async () => {
    const out = path.join(dir, 'plain');
    const { code, stdout, stderr } = await runCli('compare.ts', [basePath, newPath, '--out', out], { timeoutMs: 30_000 });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /promise-concurrent 1x10 .*\+20\.0% .*faster/);
    assert.match(stdout, /promise-concurrent 1x50 .*-12\.0% .*slower/);
    assert.match(stdout, /sequential 1x1 .*no significant change/);
    assert.match(await readFile(path.join(out, 'compare.html'), 'utf8'), /<td class="slower">slower<\/td>/);
  });

  test('--fail-on-regression exits 1 when a significant slowdown exceeds the percentage, 0 when not', async () => {
    const strict = await runCli('compare.ts', [basePath, newPath, '--out', path.join(dir, 'strict'), '--fail-on-regression', '10'], {
      timeoutMs: 30_000,
    });
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stdout, /Regression over 10%: io-bound promise-concurrent 1x50 throughput -12\.0%/);
    const lenient = await runCli('compare.ts', [basePath, newPath, '--out', path.join(dir, 'lenient'), '--fail-on-regression', '15'], {
      timeoutMs: 30_000,
    });
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.doesNotMatch(lenient.stdout, /Regression/);
  });

  test('bad input: one line, exit 2', async () => {
    const bad = await runCli('compare.ts', [basePath, newPath, '--fail-on-regression', '-3'], { timeoutMs: 30_000 });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^Expected `--fail-on-regression` to be a number >= 0, got `-3`\n$/);
    const old = path.join(dir, 'old.json');
    await writeFile(old, JSON.stringify({ schemaVersion: 1 }));
    const stale = await runCli('compare.ts', [old, newPath], { timeoutMs: 30_000 });
    assert.equal(stale.code, 2);
    assert.match(stale.stderr, /schema version 2, got `1`/);
  });
});
