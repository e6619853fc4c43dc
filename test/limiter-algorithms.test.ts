import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../mock-server/random.ts';
import { AimdLimit } from '../runners/limiters/aimd.ts';
import { resolveSettings, type AlgorithmSample, type LimitAlgorithm } from '../runners/limiters/algorithm.ts';
import { ArcLimit } from '../runners/limiters/arc.ts';
import { Gradient2Limit } from '../runners/limiters/gradient2.ts';
import { log10Root, VegasLimit } from '../runners/limiters/vegas.ts';
import { WindowedLimit } from '../runners/limiters/windowed.ts';

let clock = 0;
function sample(overrides: Partial<AlgorithmSample> = {}): AlgorithmSample {
  clock += 10;
  return { rttMs: 100, inFlight: 20, backpressure: false, ok: true, nowMs: clock, ...overrides };
}
function feed(algorithm: LimitAlgorithm, times: number, overrides: Partial<AlgorithmSample> = {}): number {
  for (let i = 0; i < times; i += 1) algorithm.onSample(sample(overrides));
  return algorithm.limit;
}

test('the guard: AIMD, Vegas and Gradient2 do not grow while fewer than half the limit are in flight', () => {
  const makers: Record<string, () => LimitAlgorithm> = {
    aimd: () => new AimdLimit({ max: 100, initialLimit: 20 }),
    vegas: () => new VegasLimit({ max: 100, initialLimit: 20 }),
    gradient2: () => new Gradient2Limit({ max: 100, initialLimit: 20 }),
    'windowed gradient2': () => new WindowedLimit(new Gradient2Limit({ max: 100, initialLimit: 20 })),
  };
  for (const [name, make] of Object.entries(makers)) {
    const idle = make();
    assert.equal(feed(idle, 2_000, { inFlight: 9 }), 20, `${name} grew with 9 of 20 in flight`);
    const busy = make();
    assert.ok(feed(busy, 2_000, { inFlight: 20 }) > 20, `${name} did not grow with 20 of 20 in flight`);
  }
  assert.equal(new AimdLimit({ max: 100, initialLimit: 20 }).onSample(sample({ inFlight: 10 })), 21, 'exactly half counts');
});

test('ARC grows only in intervals where the limit was reached', () => {
  const arc = new ArcLimit({ max: 100, initialLimit: 10 });
  const random = seededRandom(3);
  // RTTs in [90, 110): a perfectly constant RTT counts as ">= mean + 0 sd" and shrinks the limit.
  const rttMs = (): number => 90 + 20 * random();
  for (let i = 0; i < 100; i += 1) {
    arc.onStart(9);
    arc.onSample(sample({ inFlight: 9, rttMs: rttMs() }));
  }
  assert.ok(arc.limit <= 10, `grew to ${arc.limit} without reaching 10`);
  const before = arc.limit;
  for (let i = 0; i < 100; i += 1) {
    arc.onStart(arc.limit);
    arc.onSample(sample({ inFlight: arc.limit }));
  }
  assert.ok(arc.limit > before, `${arc.limit} > ${before}`);
  assert.ok(arc.limit <= before + 10, 'at most one step per interval of one RTT (100 ms) in 1 s');
});

test('AIMD: +1 per sample, x0.9 on back-pressure or an RTT above the bound, within [min, max]', () => {
  const aimd = new AimdLimit({ max: 12, initialLimit: 10, timeoutMs: 300 });
  assert.equal(aimd.onSample(sample({ inFlight: 10 })), 11);
  assert.equal(aimd.onSample(sample({ inFlight: 11 })), 12);
  assert.equal(aimd.onSample(sample({ inFlight: 12 })), 12, 'capped at max');
  assert.equal(aimd.onSample(sample({ backpressure: true, ok: false })), 10);
  assert.equal(aimd.onSample(sample({ rttMs: 301 })), 9);
  assert.equal(aimd.onSample(sample({ ok: false })), 9, 'a plain failure is ignored');
  assert.equal(feed(aimd, 40, { backpressure: true, ok: false }), 1, 'never below 1');
});

test('Vegas: fast growth without queueing, one log10 step down above beta or on a drop', () => {
  assert.deepEqual([1, 9, 10, 99, 100, 999, 1000, 12_345].map(log10Root), [1, 1, 1, 1, 2, 2, 3, 4]);
  const vegas = new VegasLimit({ max: 200, initialLimit: 20 });
  assert.equal(vegas.onSample(sample({ rttMs: 100 })), 20, 'the first sample only sets the no-load RTT');
  assert.equal(vegas.rttNoLoadMs, 100);
  assert.equal(vegas.onSample(sample({ rttMs: 100 })), 26, 'queue 0 <= threshold: + beta (6)');
  assert.equal(vegas.onSample(sample({ rttMs: 200, inFlight: 26 })), 25, 'queue 13 > beta 6: - 1');
  assert.equal(vegas.onSample(sample({ rttMs: 110, inFlight: 25 })), 25, 'queue 3 in [alpha, beta]: hold');
  assert.equal(vegas.onSample(sample({ rttMs: 100, backpressure: true, ok: false })), 24, 'a drop: - 1');
});

test('Gradient2: shrinks while the RTT runs above tolerance x the long-term RTT, never below 2 x queueSize from above', () => {
  const gradient = new Gradient2Limit({ max: 200, initialLimit: 40 });
  feed(gradient, 20, { rttMs: 100, inFlight: 40 });
  const grown = gradient.limit;
  assert.ok(grown > 40);
  const shrunk = feed(gradient, 200, { rttMs: 400, inFlight: 200 });
  assert.ok(shrunk < grown, `${shrunk} < ${grown}`);
  assert.ok(shrunk >= 8, `${shrunk} >= 8`);
});

test('ARC: x0.9 (floored) on back-pressure and on an RTT beyond mean + 2.5 sd, once per interval', () => {
  const arc = new ArcLimit({ max: 100, initialLimit: 10 });
  arc.onSample(sample({ rttMs: 100 }));
  assert.deepEqual(arc.pastRtt, { mean: 100, variance: 0 });
  arc.onSample(sample({ backpressure: true, ok: false }));
  assert.equal(arc.limit, 10, 'not before the interval ends');
  for (let i = 0; i < 10 && arc.limit === 10; i += 1) arc.onSample(sample({ rttMs: 100 }));
  assert.equal(arc.limit, 9);
  for (let i = 0; i < 30 && arc.limit === 9; i += 1) arc.onSample(sample({ rttMs: 160 }));
  assert.equal(arc.limit, 8, 'an RTT of 160 against a past mean of 100 and no deviation');
});

test('WindowedLimit: one sample per window (mean RTT, most in flight, any drop), only with 10 samples', () => {
  const seen: AlgorithmSample[] = [];
  const probe: LimitAlgorithm = {
    limit: 5,
    onSample: (windowSample) => {
      seen.push(windowSample);
      return 5;
    },
  };
  const windowed = new WindowedLimit(probe, { minWindowMs: 100, maxWindowMs: 100 });
  windowed.onSample(sample({ nowMs: 1 }));
  for (let t = 10; t <= 100; t += 10) windowed.onSample(sample({ nowMs: t, rttMs: t, inFlight: t / 10 }));
  assert.equal(seen.length, 0, 'the first window had one sample');
  windowed.onSample(sample({ nowMs: 110, rttMs: 50, inFlight: 1, backpressure: true, ok: false }));
  assert.equal(seen.length, 1);
  assert.deepEqual(
    { ...seen[0], rttMs: Math.round(seen[0]?.rttMs ?? 0) },
    { rttMs: 55, inFlight: 10, backpressure: true, ok: false, nowMs: 110 },
  );
  for (let t = 120; t <= 200; t += 10) windowed.onSample(sample({ nowMs: t }));
  assert.equal(seen.length, 1, 'a window closes at the first answer after its end');
});

test('settings: undefined overrides keep the defaults', () => {
  const defaults = { a: 1, b: 2 };
  assert.deepEqual(resolveSettings(defaults, { a: undefined, b: 3 }), { a: 1, b: 3 });
  assert.equal(new AimdLimit({ max: 10, initialLimit: undefined }).limit, 1);
  assert.equal(new AimdLimit({ max: 3, initialLimit: 50 }).limit, 3, 'the start is capped at max');
});
