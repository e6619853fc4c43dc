import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { geometricLevels, midpoint, poolSizes, roundsFor } from '../harness/tune/levels.ts';
import { recommend } from '../harness/tune/recommendation.ts';
import { choose } from '../harness/tune/recommend.ts';
import { stopAfter } from '../harness/tune/stop-rule.ts';
import type { Setting, SweepEnd, SweepKind, TuneLimits, TunePoint } from '../harness/tune/types.ts';

const limits: TuneLimits = { sloP99Ms: 100, maxErrorRate: 0.01 };

/** A measured point as the sweep records it; only the fields the rules read vary. */
function point(setting: Setting, throughput: number, p99 = 20, extra: Partial<TunePoint> & { sweep?: SweepKind } = {}): TunePoint {
  return {
    runner: 'promise-concurrent',
    sweep: 'concurrency',
    shape: `promise-concurrent 1x${setting.concurrency}`,
    requests: setting.concurrency * 8,
    iterations: 3,
    throughputBest: throughput * 1.01,
    throughputCi95: [throughput * 0.97, throughput * 1.03],
    littleThroughput: (setting.concurrency / 20) * 1000,
    latencyMs: { p50: p99 * 0.8, p99, mean: p99 * 0.8 },
    errorRate: 0,
    retries: 0,
    rateLimited: 0,
    serverQueueMs: 0,
    clientSaturated: undefined,
    ...setting,
    throughput,
    ...extra,
  };
}

const plateauEnd: SweepEnd = { runner: 'promise-concurrent', reason: 'plateau', atConcurrency: 64 };

describe('levels', () => {
  test('geometric levels end at the maximum, powers of two or not', () => {
    assert.deepEqual(geometricLevels(64), [1, 2, 4, 8, 16, 32, 64]);
    assert.deepEqual(geometricLevels(100), [1, 2, 4, 8, 16, 32, 64, 100]);
    assert.deepEqual(geometricLevels(1), [1]);
  });
  test('pool sizes never exceed the requests in flight', () => {
    assert.deepEqual(poolSizes(4, 32), [1, 2, 4]);
    assert.deepEqual(poolSizes(8, 3), [1, 2, 3]);
  });
  test('midpoints are whole levels strictly between, or none', () => {
    assert.equal(midpoint(32, 64), 48);
    assert.equal(midpoint(2, 3), undefined);
  });
  test('rounds follow the latency within their bounds', () => {
    assert.equal(roundsFor(20), 15);
    assert.equal(roundsFor(1000), 8);
    assert.equal(roundsFor(0), 50);
  });
});

describe('stop rule', () => {
  test('doubling that adds less than 10% is a plateau; a drop below 95% of the best is a fall', () => {
    const rising = [point({ concurrency: 16 }, 800), point({ concurrency: 32 }, 1500)];
    assert.equal(stopAfter(rising, limits, 256), undefined);
    assert.equal(stopAfter([...rising, point({ concurrency: 64 }, 1560)], limits, 256), 'plateau');
    assert.equal(stopAfter([...rising, point({ concurrency: 64 }, 600)], limits, 256), 'falling');
  });
  test('a broken SLO or error limit stops at once; the maximum ends a growing sweep', () => {
    assert.equal(stopAfter([point({ concurrency: 1 }, 50, 150)], limits, 256), 'slo');
    assert.equal(stopAfter([point({ concurrency: 1 }, 50, 20, { errorRate: 0.05 })], limits, 256), 'errors');
    assert.equal(stopAfter([point({ concurrency: 4 }, 100), point({ concurrency: 8 }, 200)], limits, 8), 'max');
  });
});

describe('recommendation', () => {
  test('the smallest setting within 95% of the peak among the points that meet the limits', () => {
    const points = [
      point({ concurrency: 16 }, 790),
      point({ concurrency: 32 }, 1540),
      point({ concurrency: 64 }, 1600, 45),
      point({ concurrency: 128 }, 1700, 150),
    ];
    const choice = choose(points, limits);
    assert.equal(choice?.point.concurrency, 32, 'the point over the SLO does not set the peak');
    assert.equal(choice?.peak?.concurrency, 64);
  });
  test('a collapse past the peak (429 + Retry-After) does not pull the choice down or up', () => {
    const points = [
      point({ concurrency: 1 }, 95),
      point({ concurrency: 2 }, 190),
      point({ concurrency: 4 }, 60, 1010, { rateLimited: 12 }),
      point({ concurrency: 3 }, 70, 1005, { sweep: 'refine', rateLimited: 5 }),
    ];
    const recommendation = recommend('promise-concurrent', points, { ...plateauEnd, reason: 'slo', atConcurrency: 4 }, limits, 10);
    assert.equal(recommendation?.concurrency, 2);
    assert.match(recommendation?.reason ?? '', /p99 breaks the 100 ms SLO past 2 in flight .*429.*Retry-After/);
  });
  test('without pipelining first, then fewer connections', () => {
    const points = [
      point({ concurrency: 32 }, 1500),
      point({ concurrency: 32, connections: 16 }, 1480, 20, { sweep: 'agent' }),
      point({ concurrency: 32, connections: 8 }, 900, 20, { sweep: 'agent' }),
      point({ concurrency: 32, connections: 8, pipelining: 4 }, 1500, 20, { sweep: 'agent' }),
    ];
    const recommendation = recommend('promise-concurrent', points, plateauEnd, limits, 20);
    assert.equal(recommendation?.connections, 16);
    assert.equal(recommendation?.pipelining, undefined);
    assert.match(recommendation?.reason ?? '', /with 16 connections, 60% of the peak with 8 connections/);
  });
  test('the reason names the saturated server and the p99 growth', () => {
    const points = [
      point({ concurrency: 16 }, 780, 21),
      point({ concurrency: 32 }, 1550, 22),
      point({ concurrency: 64 }, 1580, 44, { serverQueueMs: 19 }),
      point({ concurrency: 48 }, 1570, 35, { sweep: 'refine', serverQueueMs: 9 }),
    ];
    const recommendation = recommend('promise-concurrent', points, plateauEnd, limits, 20);
    assert.equal(recommendation?.concurrency, 32);
    assert.match(
      recommendation?.reason ?? '',
      /^throughput stops growing past 32 in flight .*: the server is saturated .*; p99 doubles by 64/,
    );
  });
  test('when nothing meets the limits the least bad setting is shown and marked', () => {
    const points = [point({ concurrency: 1 }, 40, 300), point({ concurrency: 2 }, 60, 400)];
    const recommendation = recommend('promise-concurrent', points, { ...plateauEnd, reason: 'slo', atConcurrency: 1 }, limits, 20);
    assert.equal(recommendation?.meetsLimits, false);
    assert.equal(recommendation?.concurrency, 1);
    assert.match(recommendation?.reason ?? '', /^no setting met p99 <= 100 ms/);
  });
});
