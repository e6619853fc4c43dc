import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Behaviour } from '../mock-server/behaviour.ts';
import { meanLatencyMs, serverProfileSchema, type ServerProfileInput } from '../mock-server/profile.ts';

const SAMPLES = 40_000;
const NO_QUERY = new URLSearchParams();

function latencies(input: ServerProfileInput, count = SAMPLES): number[] {
  const behaviour = new Behaviour(serverProfileSchema.parse(input));
  return Array.from({ length: count }, () => behaviour.decide({ path: '/', query: NO_QUERY }).latencyMs);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? Number.NaN;
}

function assertNear(actual: number, expected: number, relative: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= relative * expected,
    `${what}: ${actual.toFixed(4)} is not within ${relative * 100}% of ${expected.toFixed(4)}`,
  );
}

// Expected values come from the closed forms of each distribution, not from the code under test.
const cases: readonly { name: string; profile: ServerProfileInput; mean: number; q: number; quantile: number }[] = [
  { name: 'fixed', profile: { latencyMs: 40 }, mean: 40, q: 0.5, quantile: 40 },
  {
    name: 'uniform',
    profile: { latencyMs: 40, latencyDistribution: 'uniform', latencySpreadMs: 10 },
    mean: 40,
    q: 0.9,
    quantile: 30 + 20 * 0.9,
  },
  // normal: the 84.13th percentile is one standard deviation above the mean.
  { name: 'normal', profile: { latencyMs: 40, latencyDistribution: 'normal', latencySpreadMs: 8 }, mean: 40, q: 0.8413, quantile: 48 },
  // lognormal with mean 40, sd 20: sigma^2 = ln(1.25), median = e^mu = 40 / sqrt(1.25).
  {
    name: 'lognormal',
    profile: { latencyMs: 40, latencyDistribution: 'lognormal', latencySpreadMs: 20 },
    mean: 40,
    q: 0.5,
    quantile: 40 / Math.sqrt(1.25),
  },
  {
    name: 'exponential',
    profile: { latencyMs: 40, latencyDistribution: 'exponential' },
    mean: 40 - 40 * Math.exp(-10),
    q: 0.5,
    quantile: 40 * Math.LN2,
  },
  // pareto alpha 3, mean 40: scale 80/3, median scale * 2^(1/3); clamping at 10 x 40 removes scale^3 400^-2 / 2 from the mean.
  {
    name: 'pareto',
    profile: { latencyMs: 40, latencyDistribution: 'pareto', paretoShape: 3 },
    mean: 40 - ((80 / 3) ** 3 * 400 ** -2) / 2,
    q: 0.5,
    quantile: (80 / 3) * 2 ** (1 / 3),
  },
];

describe('latency distributions (seed 7)', () => {
  for (const { name, profile, mean: expectedMean, q, quantile: expectedQuantile } of cases) {
    test(`${name}: sample mean, p${q * 100} and meanLatencyMs() match the distribution`, () => {
      const sample = latencies({ ...profile, seed: 7 });
      assertNear(mean(sample), expectedMean, 0.02, 'sample mean');
      assertNear(quantile(sample, q), expectedQuantile, 0.02, `p${q * 100}`);
      assertNear(meanLatencyMs(serverProfileSchema.parse(profile)), expectedMean, 0.001, 'meanLatencyMs()');
      assert.ok(
        sample.every((ms) => ms >= 0 && ms <= 400),
        'clamped to [0, 10 x mean]',
      );
    });
  }

  test('meanLatencyMs() is the mean after clamping: normal(10, 10) cut at 0 has mean mu Phi(1) + sigma phi(1)', () => {
    const profile = { latencyMs: 10, latencyDistribution: 'normal', latencySpreadMs: 10 } as const;
    const expected = 10 * 0.841344746 + 10 * 0.241970725;
    assertNear(meanLatencyMs(serverProfileSchema.parse(profile)), expected, 0.0005, 'meanLatencyMs()');
    assertNear(mean(latencies({ ...profile, seed: 3 })), expected, 0.02, 'sample mean');
  });

  test('explicit bounds clamp every sample, and jitter adds half its width to the mean', () => {
    const profile = { latencyMs: 40, latencyDistribution: 'exponential', latencyMinMs: 10, latencyMaxMs: 60, jitterMs: 4 } as const;
    const sample = latencies({ ...profile, seed: 5 });
    assert.ok(sample.every((ms) => ms >= 10 && ms < 64));
    assertNear(mean(sample), meanLatencyMs(serverProfileSchema.parse(profile)), 0.02, 'sample mean vs meanLatencyMs()');
  });

  test('the same seed gives the same sequence; another seed another one', () => {
    const profile = { latencyMs: 40, latencyDistribution: 'lognormal', errorRate: 0.2, resetRate: 0.1 } as const;
    const run = (seed: number): string => {
      const behaviour = new Behaviour(serverProfileSchema.parse({ ...profile, seed }));
      return JSON.stringify(Array.from({ length: 200 }, () => behaviour.decide({ path: '/', query: NO_QUERY })));
    };
    assert.equal(run(11), run(11));
    assert.notEqual(run(11), run(12));
  });

  test('fault rates: a fixed seed gives each fault at about its rate', () => {
    const behaviour = new Behaviour(serverProfileSchema.parse({ errorRate: 0.05, resetRate: 0.02, stallRate: 0.01, seed: 9 }));
    const counts = { error: 0, reset: 0, stall: 0 };
    for (let i = 0; i < SAMPLES; i += 1) {
      const fault = behaviour.decide({ path: '/', query: NO_QUERY }).fault;
      if (fault) counts[fault] += 1;
    }
    assertNear(counts.error / SAMPLES, 0.05, 0.1, 'error rate');
    assertNear(counts.reset / SAMPLES, 0.02, 0.15, 'reset rate');
    assertNear(counts.stall / SAMPLES, 0.01, 0.2, 'stall rate');
  });
});
