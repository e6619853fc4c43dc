import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { replayBatch, type ReplayAttemptDecision, type ReplayInput } from '../harness/ideal/replay/index.ts';
import { seededRandom as mulberry32 } from '../common/seeded-random.ts';

/** Lognormal draws by Box-Muller: exp(mu + sigma x Z). */
function lognormal(random: () => number, medianMs: number, sigma: number): () => number {
  const mu = Math.log(medianMs);
  return () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.exp(mu + sigma * z);
  };
}

const NO_RETRY: ReplayInput['retry'] = { maxRetries: 0, retryOn: [], honourRetryAfter: true, maxRetryAfterMs: 30_000, backoffMs: () => 0 };

function batchOf(latencies: Float64Array, lanes: number): ReplayInput {
  return {
    requests: latencies.length,
    lanes,
    decide: (index: number): ReplayAttemptDecision => ({ latencyMs: latencies[index] ?? 0, fault: undefined, bodyBytes: 0 }),
    server: {},
    retry: NO_RETRY,
    headersTimeoutMs: 30_000,
    cpuWorkMs: 0,
    cpuExecutors: 1,
    roundTripFloorMs: 0,
  };
}

describe('replay: statistics', () => {
  test('lognormal latencies, N = C = 30: mean makespan = E[max of 30 draws] within 3%', () => {
    const draws = 30;
    const medianMs = 20;
    const sigma = 0.6;
    const replayDraw = lognormal(mulberry32(1), medianMs, sigma);
    const batches = 2000;
    let makespanSum = 0;
    for (let batch = 0; batch < batches; batch += 1) {
      const latencies = Float64Array.from({ length: draws }, replayDraw);
      makespanSum += replayBatch(batchOf(latencies, draws)).makespanMs;
    }
    const monteCarloDraw = lognormal(mulberry32(777), medianMs, sigma);
    const samples = 20_000;
    let maxSum = 0;
    for (let sample = 0; sample < samples; sample += 1) {
      let max = 0;
      for (let draw = 0; draw < draws; draw += 1) max = Math.max(max, monteCarloDraw());
      maxSum += max;
    }
    const replayMean = makespanSum / batches;
    const expectedMax = maxSum / samples;
    assert.ok(Math.abs(replayMean / expectedMax - 1) < 0.03, `replay ${replayMean.toFixed(2)} ms vs E[max] ${expectedMax.toFixed(2)} ms`);
    // The closed form from the mean alone would be far below: the mean of one draw is exp(mu + sigma^2 / 2).
    assert.ok(expectedMax > 2 * medianMs * Math.exp((sigma * sigma) / 2));
  });

  test('N = 100,000 on 10,000 lanes with capacity, rate limit, faults and retries completes', () => {
    const random = mulberry32(9);
    const latencies = Float64Array.from({ length: 100_000 }, lognormal(random, 10, 0.5));
    const faults = Float64Array.from({ length: 100_000 }, random);
    const result = replayBatch({
      ...batchOf(latencies, 10_000),
      decide: (index, attempt) => ({
        latencyMs: latencies[index] ?? 0,
        fault: attempt === 0 && (faults[index] ?? 1) < 0.02 ? 'error' : undefined,
        bodyBytes: 1024,
      }),
      server: { capacity: 5000, rateLimit: { perSecond: 1_000_000, burst: 2000 } },
      retry: { maxRetries: 2, retryOn: ['http_5xx', 'rate_limited'], honourRetryAfter: false, maxRetryAfterMs: 1000, backoffMs: () => 5 },
      cpuWorkMs: 0.01,
      cpuExecutors: 2,
      roundTripFloorMs: 0.05,
      bytesPerMs: 1_000_000,
    });
    assert.equal(result.requestLatenciesMs.length, 100_000);
    assert.ok(result.makespanMs > 0);
    assert.ok(result.retries > 0);
  });
});
