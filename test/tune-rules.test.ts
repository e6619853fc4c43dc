import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adaptiveCeiling } from '../harness/tune/adaptive-phase.ts';
import { settingsAtMost } from '../harness/tune/level-count.ts';
import { geometricLevels, midpoint, poolSizes, roundsFor } from '../harness/tune/levels.ts';
import { littleGap } from '../results/little-gap.ts';
import { recommend } from '../harness/tune/recommendation.ts';
import { choose } from '../harness/tune/recommend.ts';
import { stopAfter } from '../harness/tune/stop-rule.ts';
import type { Setting, SweepBounds, SweepEnd, SweepKind, TuneSlo, TunePoint, UslRecord } from '../results/tune-types.ts';
import { confirmationLevel, fitRunner, nextFitLevel } from '../harness/tune/usl-sweep.ts';

const slo: TuneSlo = { p99Ms: 100, maxErrorRate: 0.01 };

/** A measured point as the sweep records it; only the fields the rules read vary. */
function point(setting: Setting, throughput: number, p99 = 20, extra: Partial<TunePoint> & { sweep?: SweepKind } = {}): TunePoint {
  return {
    runner: 'promise-concurrent',
    sweep: 'concurrency',
    label: `promise-concurrent 1x${setting.concurrency}`,
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
    assert.equal(stopAfter(rising, slo, 256), undefined);
    assert.equal(stopAfter([...rising, point({ concurrency: 64 }, 1560)], slo, 256), 'plateau');
    assert.equal(stopAfter([...rising, point({ concurrency: 64 }, 600)], slo, 256), 'falling');
  });
  test('a broken SLO or error limit stops at once; the maximum ends a growing sweep', () => {
    assert.equal(stopAfter([point({ concurrency: 1 }, 50, 150)], slo, 256), 'slo');
    assert.equal(stopAfter([point({ concurrency: 1 }, 50, 20, { errorRate: 0.05 })], slo, 256), 'errors');
    assert.equal(stopAfter([point({ concurrency: 4 }, 100), point({ concurrency: 8 }, 200)], slo, 8), 'max');
  });
});

describe('recommendation', () => {
  test('the smallest setting within 95% of the peak among the points that meet the slo', () => {
    const points = [
      point({ concurrency: 16 }, 790),
      point({ concurrency: 32 }, 1540),
      point({ concurrency: 64 }, 1600, 45),
      point({ concurrency: 128 }, 1700, 150),
    ];
    const choice = choose(points, slo);
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
    const recommendation = recommend('promise-concurrent', points, { ...plateauEnd, reason: 'slo', atConcurrency: 4 }, slo, 10);
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
    const recommendation = recommend('promise-concurrent', points, plateauEnd, slo, 20);
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
    const recommendation = recommend('promise-concurrent', points, plateauEnd, slo, 20);
    assert.equal(recommendation?.concurrency, 32);
    assert.match(
      recommendation?.reason ?? '',
      /^throughput stops growing past 32 in flight .*: the server is saturated .*; p99 doubles by 64/,
    );
  });
  test('a server that slows as more are in service (retrograde) is named from its Server-Timing serve time', () => {
    const points = [
      point({ concurrency: 8 }, 700, 30, { serverServeMs: 20 }),
      point({ concurrency: 16 }, 1000, 40, { serverServeMs: 28 }),
      point({ concurrency: 32 }, 700, 90, { serverServeMs: 60 }),
      point({ concurrency: 24 }, 900, 60, { sweep: 'refine', serverServeMs: 40 }),
    ];
    const recommendation = recommend('promise-concurrent', points, { ...plateauEnd, reason: 'falling', atConcurrency: 32 }, slo, 20);
    assert.equal(recommendation?.concurrency, 16);
    assert.match(
      recommendation?.reason ?? '',
      /^throughput falls past 16 in flight .*: the server slows down as more requests are in service \(it takes 60\.0 ms to serve one at 32, 28\.0 ms at 16\)/,
    );
  });

  test('a plateau found at the chosen level itself is said so, not "still grows"', () => {
    const points = [point({ concurrency: 32 }, 1000), point({ concurrency: 64 }, 1060)];
    const recommendation = recommend('promise-concurrent', points, plateauEnd, slo, 20);
    assert.equal(recommendation?.concurrency, 64);
    assert.match(
      recommendation?.reason ?? '',
      /^throughput stops growing at 64 in flight \(1,060 req\/s: doubling to it added less than 10%/,
    );
  });

  test('when nothing meets the SLO the least bad setting is shown and marked', () => {
    const points = [point({ concurrency: 1 }, 40, 300), point({ concurrency: 2 }, 60, 400)];
    const recommendation = recommend('promise-concurrent', points, { ...plateauEnd, reason: 'slo', atConcurrency: 1 }, slo, 20);
    assert.equal(recommendation?.meetsSlo, false);
    assert.equal(recommendation?.concurrency, 1);
    assert.match(recommendation?.reason ?? '', /^no setting met p99 <= 100 ms/);
  });
});

describe('the USL in the sweep', () => {
  const usl: UslRecord = {
    runner: 'promise-concurrent',
    sigma: 0.05,
    kappa: 0.002,
    lambda: 100,
    sigmaError: 0.003,
    kappaError: 0.0001,
    lambdaError: 1,
    kappaInterval: [0.0018, 0.0022],
    r2: 0.99,
    levels: 8,
    highestLevel: 64,
    retrograde: true,
    modelPeakConcurrency: 21,
    peakConcurrency: 21,
    peakThroughput: 732,
    limitedBy: 'contention',
  };

  test('the recommendation is a measured level never above N*, even where a level past it measured more', () => {
    const points = [
      point({ concurrency: 8 }, 500),
      point({ concurrency: 16 }, 690),
      point({ concurrency: 20 }, 700),
      point({ concurrency: 24 }, 760),
      point({ concurrency: 32 }, 600),
    ];
    const recommendation = recommend('promise-concurrent', points, plateauEnd, slo, 20, usl);
    assert.equal(recommendation?.concurrency, 16, '16 reaches 95% of the best at or below N* = 21 (700)');
    assert.match(recommendation?.reason ?? '', /the USL fit puts the peak at N\* = 21 in flight \(732 req\/s\), the most recommended$/);
    assert.equal(recommend('promise-concurrent', points, plateauEnd, slo, 20)?.concurrency, 24, 'without the fit: the measured best');
  });

  test('the level that confirms a fall is never recommended nor counted in the peak', () => {
    // Far past the knee a batch loses less to its tail, so it reads a little higher than the levels near the knee.
    const points = [
      point({ concurrency: 4 }, 80),
      point({ concurrency: 8 }, 121),
      point({ concurrency: 16 }, 126),
      point({ concurrency: 7 }, 115, 20, { sweep: 'refine' }),
      point({ concurrency: 24 }, 129, 20, { sweep: 'confirm' }),
    ];
    assert.equal(choose(points, slo)?.point.concurrency, 8, '121 is 96% of 126; against 129 it would be 94% and 16 the choice');
    assert.equal(choose(points, slo)?.peak?.concurrency, 16);
  });

  test('levels are added below the knee until the fit has six, the widest gap nearest the choice first, never past the SLO', () => {
    const measured = [1, 2, 4, 8, 16].map((n) => point({ concurrency: n }, 100 * Math.min(n, 8)));
    assert.equal(nextFitLevel(measured, slo, 8), 6, 'the gaps 2-4, 4-8 and 8-16 are as wide; 6 is nearest 8 on a log scale');
    const broken = [1, 2, 4, 8].map((n) => point({ concurrency: n }, 100 * n)).concat(point({ concurrency: 32 }, 900, 500));
    assert.equal(nextFitLevel(broken, slo, 8), 6, '8-32 is the widest gap, but 32 broke the SLO: no level past 8');
    const six = [1, 2, 3, 4, 6, 8].map((n) => point({ concurrency: n }, 100 * n));
    assert.equal(nextFitLevel(six, slo, 8), undefined, 'six distinct levels are enough');
    const neighbours = [1, 2, 3, 4].map((n) => point({ concurrency: n }, 100 * n));
    assert.equal(nextFitLevel(neighbours, slo, 3), undefined, 'no gap left');
  });

  test('a peak the fit suggests but no measured level confirms gets one level where the curve is down to 85%', () => {
    // A capacity of 6 at 45 ms fits sigma 0, kappa 0.0073: the model peaks at 11, the sweep stopped at 16.
    const suggested: UslRecord = {
      ...usl,
      sigma: 0,
      kappa: 0.0073,
      lambda: 22,
      retrograde: false,
      flatBecause: 'no-measured-fall',
      modelPeakConcurrency: 11,
      peakConcurrency: undefined,
      highestLevel: 16,
    };
    assert.equal(confirmationLevel(suggested, 256), 23, '11, 14, 18, 23: X(23) = 108 req/s, 80% of X(11) = 134');
    assert.equal(confirmationLevel(suggested, 20), 20, 'never past --max-concurrency');
    assert.equal(confirmationLevel({ ...suggested, highestLevel: 32 }, 256), undefined, 'measured that far already');
    assert.equal(confirmationLevel({ ...suggested, flatBecause: 'kappa-zero' }, 256), undefined, 'nothing to confirm');
    assert.equal(confirmationLevel(usl, 256), undefined, 'confirmed already');
  });

  test('a sweep with fewer than six levels has no fit, in one line; sequential has none by design', () => {
    const few = [1, 2, 4, 3].map((n) => point({ concurrency: n }, 100 * n));
    assert.deepEqual(fitRunner('promise-concurrent', few, slo), {
      runner: 'promise-concurrent',
      reason: '4 distinct levels measured, the fit needs 6',
    });
    assert.match(JSON.stringify(fitRunner('sequential', few, slo)), /one request in flight by design/);
  });
});

describe("Little's law as a check", () => {
  test('a gap over 10% between throughput x mean latency and the limit is flagged, either way', () => {
    assert.equal(littleGap(16, 14.5), undefined);
    assert.equal(littleGap(16, 14.3), "the client did not keep 16 in flight: by Little's law it kept 14.3 (requests/s x mean latency)");
    assert.match(littleGap(16, 18) ?? '', /kept 18\.0 in flight, more than the 16 allowed/);
    assert.equal(littleGap(16, undefined), undefined, 'a file from before version 4 has no figure to check');
  });
});

describe('safety and the progress counter', () => {
  const bounds: SweepBounds = { maxConcurrency: 256, maxPoolSize: 4, basePoolSize: 2, rounds: 8, iterations: 3, warmupIterations: 1 };

  test("the adaptive limiters' ceiling is 4x the recommended limit, at most the sweep's max", () => {
    assert.equal(adaptiveCeiling({ concurrency: 6 }, 256), 24);
    assert.equal(adaptiveCeiling({ concurrency: 100 }, 256), 256);
  });

  test('the most settings a runner can measure bounds every phase (the total of "n/total")', () => {
    // 9 geometric levels, 6 bisections, 3 + 1 levels for the fit, 9 Agent settings at 256, 4 limiters, 9 rates.
    assert.equal(settingsAtMost('promise-concurrent', bounds, 4, true), 9 + 6 + 4 + 9 + 4 + 9);
    assert.equal(settingsAtMost('worker-threads', bounds, 0, false), 9 + 6 + 4 + 3);
    assert.equal(settingsAtMost('sequential', bounds, 4, false), 1);
  });
});
