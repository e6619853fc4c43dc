import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { repeatability, scenarioRepeatability, type ScenarioRun } from '../harness/statistics/repeatability.ts';
import { MIN_ITERATIONS_FOR_INTERVAL, throughputFromRates, throughputFromWalls } from '../harness/statistics/throughput.ts';
import type { Verdict, VerdictRow } from '../harness/statistics/verdict-types.ts';
import { verdictOf } from '../harness/statistics/verdict.ts';
import { effectSize, welchTTest, type SampleSummary } from '../harness/statistics/welch.ts';

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

/** Mean and sample standard deviation, written out so the expected values do not come from the code under test. */
function summary(values: readonly number[]): SampleSummary {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, stdev: Math.sqrt(variance), n: values.length };
}

describe('throughput', () => {
  test('the mean is requests / mean wall time, not the mean of the per-batch rates', () => {
    // 60 requests in 100, 200 and 300 ms: 180 requests in 600 ms is 300 req/s; the rates 600, 300, 200 average 366.7.
    const stats = throughputFromWalls(60, [100, 200, 300]);
    assert.equal(stats.mean, 300);
    assert.equal(stats.best, 600);
    assert.equal(stats.n, 3);
    near(stats.stdev, summary([600, 300, 200]).stdev, 1e-9, 'stdev of the per-iteration throughputs');
    near(throughputFromRates([600, 300, 200]).mean, 300, 1e-9, 'from rates: their harmonic mean');
  });

  test(`no interval below ${MIN_ITERATIONS_FOR_INTERVAL} iterations; from there t at n - 1 degrees of freedom`, () => {
    assert.equal(throughputFromWalls(100, [50, 52, 48, 51]).ci95, undefined);
    assert.equal(throughputFromWalls(100, [50]).ci95, undefined);
    assert.equal(throughputFromWalls(100, [50]).stdev, 0);
    const walls = [50, 52, 48, 51, 49];
    const stats = throughputFromWalls(100, walls);
    // t(0.975, 4) = 2.7764451051977934 (scipy.stats.t.ppf(0.975, 4); R: qt(0.975, 4) = 2.776445).
    const halfWidth = (2.7764451051977934 * summary(walls.map((ms) => 100_000 / ms)).stdev) / Math.sqrt(5);
    assert.ok(stats.ci95 !== undefined);
    near(stats.ci95[0], stats.mean - halfWidth, 1e-6, 'lower end');
    near(stats.ci95[1], stats.mean + halfWidth, 1e-6, 'upper end');
  });

  test('the interval never goes below zero, however wild the iterations', () => {
    for (const walls of [
      [1, 1000, 1000, 1000, 1000],
      [0.01, 5000, 5000, 5000, 5000, 5000, 5000],
    ]) {
      const stats = throughputFromWalls(10, walls);
      assert.ok(stats.ci95 !== undefined);
      assert.equal(stats.ci95[0], 0);
      assert.ok(stats.ci95[1] > stats.mean);
    }
  });

  test('no iterations is an error, not NaN', () => {
    assert.throws(() => throughputFromWalls(10, []), RangeError);
    assert.throws(() => throughputFromRates([]), RangeError);
  });
});

describe('Welch t-test and effect size', () => {
  // R's `sleep` data: t.test(extra ~ group, data = sleep) prints "t = -1.8608, df = 17.776, p-value = 0.07939"
  // (group 1 - group 2); scipy.stats.ttest_ind(group1, group2, equal_var=False) gives t -1.8608134674868526,
  // df 17.776473516178488, p 0.0793941401873583. Here `after` is group 2, so t is positive.
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  test("matches R's t.test on the sleep data", () => {
    const result = welchTTest(summary(group1), summary(group2));
    assert.ok(result !== undefined);
    near(result.t, 1.8608134674868526, 1e-9, 't');
    near(result.df, 17.776473516178488, 1e-9, 'df');
    near(result.pValue, 0.0793941401873583, 1e-6, 'p');
  });

  test('Cohen d with the pooled standard deviation, Hedges g with J = 1 - 3 / (4 (n1 + n2) - 9)', () => {
    // numpy: pooled sd sqrt((9 s1^2 + 9 s2^2) / 18), d = 1.58 / pooled = 0.8321810813495395, g = d (1 - 3 / 71).
    const effect = effectSize(summary(group1), summary(group2));
    assert.ok(effect !== undefined);
    near(effect.cohensD, 0.8321810813495395, 1e-9, 'd');
    near(effect.hedgesG, 0.7970185004474464, 1e-9, 'g');
    near(effect.relativeDifference, (2.33 - 0.75) / 0.75, 1e-9, 'relative difference');
  });

  test('fewer than 2 samples a side: no test, no effect size', () => {
    assert.equal(welchTTest({ mean: 1, stdev: 0, n: 1 }, { mean: 2, stdev: 1, n: 5 }), undefined);
    assert.equal(effectSize({ mean: 1, stdev: 1, n: 5 }, { mean: 2, stdev: 0, n: 1 }), undefined);
  });
});

const row = (runner: string, concurrency: number, throughput: VerdictRow['throughput']): VerdictRow => ({
  runner,
  concurrency,
  throughput,
});

describe('verdict', () => {
  test('a clear winner: best row per label, beaten by > 3% with p < 0.05', () => {
    const verdict = verdictOf([
      row('promise-concurrent', 8, [900, 905, 895, 902, 898]),
      row('promise-concurrent', 16, [1000, 1010, 990, 1005, 995]),
      row('worker-threads', 16, [800, 810, 790, 805, 795]),
      row('sequential', 1, [60, 61, 59, 60, 60]),
    ]);
    assert.ok(verdict?.kind === 'winner');
    assert.equal(verdict.runner, 'promise-concurrent');
    assert.equal(verdict.concurrency, 16);
    assert.equal(verdict.runnerUp.runner, 'worker-threads');
    assert.ok(verdict.pValue < 1e-6);
    near(verdict.relativeDifference, verdict.throughput / verdict.runnerUp.throughput - 1, 1e-12, 'relative difference');
    assert.ok(verdict.relativeDifference > 0.2);
    assert.ok(verdict.effectSize > 10, 'Hedges g of a 25% difference with a 1% spread');
  });

  test('a tie by p: 5% faster but too noisy to tell', () => {
    const verdict = verdictOf([
      row('promise-concurrent', 8, [1000, 1200, 800, 1100, 900]),
      row('child-process', 8, [950, 1150, 750, 1050, 850]),
    ]);
    assert.deepEqual(verdict, {
      kind: 'tie',
      runners: ['promise-concurrent', 'child-process'],
      best: { runner: 'promise-concurrent', concurrency: 8, throughput: throughputFromRates([1000, 1200, 800, 1100, 900]).mean },
      pValue: undefined,
    });
  });

  test('a tie by a difference under 3%, however small p is', () => {
    const verdict = verdictOf([row('a', 4, { mean: 1020, stdev: 1, n: 10 }), row('b', 4, { mean: 1000, stdev: 1, n: 10 })]);
    assert.ok(verdict?.kind === 'tie');
    assert.deepEqual(verdict.runners, ['a', 'b']);
    assert.ok((welchTTest({ mean: 1000, stdev: 1, n: 10 }, { mean: 1020, stdev: 1, n: 10 })?.pValue ?? 1) < 1e-10);
  });

  test('one iteration on a side cannot make a winner', () => {
    const verdict = verdictOf([row('a', 4, [2000]), row('b', 4, [1000, 1001, 999])]);
    assert.ok(verdict?.kind === 'tie');
    assert.deepEqual(verdict.runners, ['a', 'b']);
  });

  test("a tie's p-value is against the fastest label outside it", () => {
    const verdict = verdictOf([
      row('a', 4, { mean: 1000, stdev: 100, n: 5 }),
      row('b', 4, { mean: 990, stdev: 100, n: 5 }),
      row('c', 4, { mean: 500, stdev: 10, n: 5 }),
    ]);
    assert.ok(verdict?.kind === 'tie');
    assert.deepEqual(verdict.runners, ['a', 'b']);
    assert.equal(verdict.pValue, welchTTest({ mean: 500, stdev: 10, n: 5 }, { mean: 1000, stdev: 100, n: 5 })?.pValue);
  });

  test('a winner must be distinguishable from every label, not only the runner-up', () => {
    const verdict = verdictOf([
      row('a', 4, { mean: 1000, stdev: 1, n: 5 }),
      row('b', 4, { mean: 900, stdev: 1, n: 5 }),
      row('c', 4, { mean: 850, stdev: 500, n: 5 }),
    ]);
    assert.ok(verdict?.kind === 'tie');
    assert.deepEqual(verdict.runners, ['a', 'c']);
    assert.ok(verdict.pValue !== undefined && verdict.pValue < 0.05, 'against b, the fastest outside the tie');
  });

  test('one label is `single`; no rows, no verdict', () => {
    assert.deepEqual(verdictOf([row('sequential', 1, [60, 61]), row('sequential', 2, { mean: 50, stdev: 1, n: 3 })]), {
      kind: 'single',
      runner: 'sequential',
      concurrency: 1,
      throughput: throughputFromRates([60, 61]).mean,
    });
    assert.equal(verdictOf([]), undefined);
  });

  test('limiter labels are labels of their own', () => {
    const verdict = verdictOf([
      row('promise-concurrent', 8, { mean: 1000, stdev: 5, n: 5 }),
      row('promise-concurrent/p-limit', 8, { mean: 800, stdev: 5, n: 5 }),
    ]);
    assert.ok(verdict?.kind === 'winner');
    assert.equal(verdict.runnerUp.runner, 'promise-concurrent/p-limit');
  });
});

describe('repeatability', () => {
  const winner = (runner: string): Verdict => ({
    kind: 'winner',
    runner,
    concurrency: 8,
    throughput: 1000,
    runnerUp: { runner: 'other', concurrency: 8, throughput: 900 },
    pValue: 0.001,
    relativeDifference: 0.11,
    effectSize: 3,
  });
  const tie = (...runners: string[]): Verdict => ({
    kind: 'tie',
    runners,
    best: { runner: runners[0] ?? '', concurrency: 8, throughput: 1000 },
    pValue: undefined,
  });
  const runs = (...verdicts: Verdict[]): ScenarioRun[] => verdicts.map((verdict) => ({ verdict, rows: [] }));

  test('equal winners agree; different winners do not', () => {
    assert.equal(scenarioRepeatability(runs(winner('a'), winner('a'), winner('a'))).agree, true);
    assert.equal(scenarioRepeatability(runs(winner('a'), winner('b'))).agree, false);
  });

  test('a tie agrees with a winner it contains, not with one it lacks', () => {
    const agreeing = scenarioRepeatability(runs(winner('a'), tie('b', 'a')));
    assert.equal(agreeing.agree, true);
    assert.deepEqual(agreeing.commonTop, ['a']);
    assert.equal(scenarioRepeatability(runs(winner('a'), tie('b', 'c'))).agree, false);
  });

  test('overlapping ties agree; ties that overlap only pairwise do not', () => {
    const overlapping = scenarioRepeatability(runs(tie('a', 'b'), tie('b', 'c')));
    assert.equal(overlapping.agree, true);
    assert.deepEqual(overlapping.commonTop, ['b']);
    assert.equal(scenarioRepeatability(runs(tie('a', 'b'), tie('b', 'c'), tie('c', 'a'))).agree, false);
  });

  test("each row's coefficient of variation across runs", () => {
    const result = scenarioRepeatability([
      {
        verdict: winner('a'),
        rows: [
          { runner: 'a', concurrency: 8, throughput: 100 },
          { runner: 'b', concurrency: 8, throughput: 50 },
        ],
      },
      { verdict: winner('a'), rows: [{ runner: 'a', concurrency: 8, throughput: 110 }] },
      { verdict: winner('a'), rows: [{ runner: 'a', concurrency: 8, throughput: 90 }] },
    ]);
    const [a, b] = result.rows;
    assert.equal(a?.runs, 3);
    near(a?.coefficientOfVariation ?? Number.NaN, 0.1, 1e-12, 'sd 10 / mean 100');
    assert.deepEqual(b, { runner: 'b', concurrency: 8, runs: 1, meanThroughput: 50, coefficientOfVariation: undefined });
  });

  test('per scenario over several runs: a scenario missing from a run, or a run without a verdict, does not agree', () => {
    const result = repeatability([
      new Map([
        ['s1', { verdict: winner('a'), rows: [] }],
        ['s2', { verdict: winner('a'), rows: [] }],
        ['s3', { verdict: winner('a'), rows: [] }],
      ]),
      new Map([
        ['s1', { verdict: winner('b'), rows: [] }],
        ['s3', { verdict: undefined, rows: [] }],
      ]),
    ]);
    assert.equal(result.get('s1')?.agree, false);
    assert.equal(result.get('s2')?.agree, false, 'measured in 1 of 2 runs');
    assert.equal(result.get('s2')?.runs, 1);
    assert.equal(result.get('s2')?.ofRuns, 2);
    assert.equal(result.get('s3')?.agree, false, 'no verdict in one run');
  });
});

test('the median interval is the order statistics a binomial tail allows: x(6)..x(16) of 21, none below 6 values', async () => {
  const { medianInterval } = await import('../harness/statistics/median-interval.ts');
  const shuffled = [14, 3, 21, 8, 1, 17, 11, 6, 19, 2, 12, 9, 20, 5, 16, 10, 4, 18, 7, 15, 13];
  assert.deepEqual(medianInterval(shuffled), { median: 11, low: 6, high: 16, confidence: 0.95 });
  assert.deepEqual(medianInterval([5, 1, 4, 2, 3, 6, 8, 7, 9, 11, 10]), { median: 6, low: 2, high: 10, confidence: 0.95 });
  const few = medianInterval([3, 1, 2, 5, 4]);
  assert.equal(few.median, 3);
  assert.ok(Number.isNaN(few.low) && Number.isNaN(few.high), 'five values cannot give 95%');
});
