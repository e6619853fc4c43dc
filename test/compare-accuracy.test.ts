import assert from 'node:assert/strict';
import { test } from 'node:test';
import jStat from 'jstat';
import { compareRuns } from '../harness/compare/compare-runs.ts';
import { RISK_LEVELS } from '../results/comparison.ts';
import { comparisonCells } from '../reports/compare/comparison-table.ts';
import { renderComparisonConsole } from '../reports/compare/console.ts';
import { renderComparisonHtml } from '../reports/compare/html.ts';
import { renderComparisonMarkdown } from '../reports/compare/markdown.ts';
import { runOf, row, type Sample } from './support/compare-fixture.ts';

// Base and new throughput samples with p-values in each of compare.R's bands (scipy.stats.ttest_ind_from_stats,
// equal_var=False, gives p 0.0196, 0.00284, 2.56e-07 and 0.782).
const CASES: readonly { readonly concurrency: number; readonly base: Sample; readonly current: Sample; readonly stars: string }[] = [
  { concurrency: 10, base: { mean: 1000, stdev: 30, n: 5 }, current: { mean: 1060, stdev: 40, n: 6 }, stars: '*' },
  { concurrency: 20, base: { mean: 1000, stdev: 10, n: 5 }, current: { mean: 1030, stdev: 12, n: 5 }, stars: '**' },
  { concurrency: 30, base: { mean: 1000, stdev: 10, n: 5 }, current: { mean: 1100, stdev: 10, n: 5 }, stars: '***' },
  { concurrency: 40, base: { mean: 1000, stdev: 50, n: 5 }, current: { mean: 1010, stdev: 60, n: 5 }, stars: '' },
];
const UNTESTED = { base: { mean: 900, stdev: 0, n: 1 }, current: { mean: 950, stdev: 20, n: 5 } };

const BASE = runOf([
  ...CASES.map((c) => row('promise-concurrent', c.concurrency, c.base)),
  row('child-process', 10, UNTESTED.base, { layout: '2x5' }),
]);
const NEW = runOf([
  ...CASES.map((c) => row('promise-concurrent', c.concurrency, c.current)),
  row('child-process', 10, UNTESTED.current, { layout: '2x5' }),
]);

/** The half-width of the difference of the means, written out here apart from harness/compare. */
function expectedHalfWidth(base: Sample, current: Sample, risk: number): number {
  const a = base.stdev ** 2 / base.n;
  const b = current.stdev ** 2 / current.n;
  const df = (a + b) ** 2 / (a ** 2 / (base.n - 1) + b ** 2 / (current.n - 1));
  return (jStat.studentt.inv(1 - risk / 2, df) * Math.sqrt(a + b)) / base.mean;
}

test('stars and accuracy at 5%, 1% and 0.1% on samples of known statistics', () => {
  const rows = compareRuns(BASE, NEW).scenarios.flatMap((s) => s.rows);
  for (const c of CASES) {
    const found = rows.find((r) => r.concurrency === c.concurrency && r.runner === 'promise-concurrent');
    assert.ok(found?.test, `row at ${c.concurrency}`);
    assert.equal(found.test.stars, c.stars, `stars at ${c.concurrency} (p ${found.test.pValue})`);
    assert.deepEqual(
      found.test.accuracy.map((a) => a.risk),
      RISK_LEVELS.map((level) => level.risk),
    );
    for (const { risk, halfWidth } of found.test.accuracy) {
      const expected = expectedHalfWidth(c.base, c.current, risk);
      assert.ok(Math.abs(halfWidth - expected) < 1e-12, `${c.concurrency} at ${risk}: ${halfWidth} vs ${expected}`);
    }
    assert.ok(Math.abs(found.improvement - (c.current.mean / c.base.mean - 1)) < 1e-12);
  }
  // scipy.stats.t.ppf(1 - risk / 2, df) * se / base mean for the first case, independent of jStat.
  const first = rows.find((r) => r.concurrency === 10 && r.runner === 'promise-concurrent');
  const scipy = [0.047860320251118874, 0.06880481117131135, 0.10133733991644847];
  for (const [i, a] of (first?.test?.accuracy ?? []).entries()) {
    assert.ok(Math.abs(a.halfWidth - (scipy[i] ?? Number.NaN)) < 1e-9, `${a.halfWidth}`);
  }
  const cells = first ? comparisonCells(first) : [];
  assert.deepEqual(cells.slice(3, 9), ['+6.00%', '*', '±4.79%', '±6.88%', '±10.13%', '0.020']);
});

test('a row with fewer than 2 iterations on a side is matched but not tested, and said so', () => {
  const comparison = compareRuns(BASE, NEW);
  const untested = comparison.scenarios.flatMap((s) => s.rows).find((r) => r.runner === 'child-process');
  assert.ok(untested);
  assert.equal(untested.test, undefined);
  assert.equal(untested.verdict, 'not testable');
  assert.deepEqual(comparisonCells(untested).slice(4, 9), ['no test: n < 2', 'n/a', 'n/a', 'n/a', 'n/a']);
  assert.match(renderComparisonConsole(comparison), /Not tested: 1 matched row has fewer than 2 iterations on a side\./);
});

test('the footer counts the comparisons and the false positives to expect, in compare.R’s words', () => {
  const comparison = compareRuns(BASE, NEW);
  // The chance of k or more of 4 below the risk if nothing changed: sum over j >= k of C(4, j) risk^j (1 - risk)^(4 - j).
  const choose = [1, 4, 6, 4, 1];
  const atLeast = (k: number, risk: number): number =>
    choose.reduce((sum, ways, j) => (j >= k ? sum + ways * risk ** j * (1 - risk) ** (4 - j) : sum), 0);
  const { levels, ...counts } = comparison.falsePositives;
  assert.deepEqual(counts, { comparisons: 4, untested: 1 });
  assert.deepEqual(
    levels.map(({ chance: _chance, ...level }) => level),
    [
      { risk: 0.05, stars: '*', expected: 4 * 0.05, observed: 3 },
      { risk: 0.01, stars: '**', expected: 4 * 0.01, observed: 2 },
      { risk: 0.001, stars: '***', expected: 4 * 0.001, observed: 1 },
    ],
  );
  for (const level of levels) {
    assert.ok(Math.abs(level.chance - atLeast(level.observed, level.risk)) < 1e-12, `${level.risk}: ${level.chance}`);
  }
  const footer = [
    'Be aware that when doing many comparisons the risk of a false-positive result increases.',
    'In this case, there are 4 comparisons, you can thus expect the following amount of false-positive results:',
    '  0.20 false positives, when considering a   5% risk acceptance (*, **, ***),',
    '  0.04 false positives, when considering a   1% risk acceptance (**, ***),',
    '  0.00 false positives, when considering a 0.1% risk acceptance (***)',
    'Observed: 3 at 5% (*), 2 at 1% (**), 1 at 0.1% (***).',
    // 3 of 4 at 5% has a chance of 4.8e-4 if nothing changed: too many stars to be luck.
    '3 rows at 5% where 0.20 are expected by chance (chance of as many if nothing changed: 5e-4): either the change moved many rows, ' +
      'or the machine moved between the runs (other load, another host): run the base again to see how far two runs of the same code differ.',
  ].join('\n');
  const files = { base: 'a.json', current: 'b.json' };
  assert.ok(renderComparisonConsole(comparison).includes(footer), 'console');
  assert.ok(renderComparisonMarkdown(comparison, files).includes(footer), 'markdown');
  assert.ok(renderComparisonHtml(comparison, files).includes(footer.replace(/'/g, '&#39;')), 'html');
});

test('as many stars as chance gives raise no alarm', () => {
  const [one] = CASES;
  assert.ok(one);
  const calm = compareRuns(runOf([row('sequential', 1, one.base)]), runOf([row('sequential', 1, one.current)]));
  assert.equal(calm.falsePositives.levels[0]?.observed, 1);
  assert.doesNotMatch(renderComparisonConsole(calm), /expected by chance/);
});

test('console, Markdown and HTML carry the accuracy columns', () => {
  const comparison = compareRuns(BASE, NEW);
  const files = { base: 'a.json', current: 'b.json' };
  assert.match(renderComparisonConsole(comparison), /Improvement │ Confidence +│ Accuracy \(\*\) │ \(\*\*\) +│ \(\*\*\*\) +│ p \(Welch\)/);
  assert.match(
    renderComparisonMarkdown(comparison, files),
    /\| Improvement \| Confidence \| Accuracy \(\\\*\) \| \(\\\*\\\*\) \| \(\\\*\\\*\\\*\) \|/,
  );
  assert.match(
    renderComparisonMarkdown(comparison, files),
    /\| promise-concurrent 1x30 \| 1,000 req\/s \| 1,100 req\/s \| \+10\.00% \| \\\*\\\*\\\* \| ±1\.46% \| ±2\.12% \| ±3\.19% \|/,
  );
  assert.match(renderComparisonHtml(comparison, files), /<th scope="col">Accuracy \(\*\)<\/th><th scope="col">\(\*\*\)<\/th>/);
  assert.match(renderComparisonHtml(comparison, files), /<td>\*\*\*<\/td><td>±1\.46%<\/td><td>±2\.12%<\/td><td>±3\.19%<\/td>/);
});
