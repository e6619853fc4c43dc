import assert from 'node:assert/strict';
import os from 'node:os';
import { after, describe, test } from 'node:test';
import { stopAllChildren } from '../common/child-processes.ts';
import { silentProgress } from '../harness/progress.ts';
import { resolveTuneSettings, type TuneOverrides } from '../harness/tune/defaults.ts';
import { concurrencyCurve } from '../results/tune-curve.ts';
import { runTune } from '../harness/tune/run-tune.ts';
import type { Recommendation, TuneFile } from '../results/tune-types.ts';
import { measureBusyRate } from '../runners/busy-rate.ts';
import { findScenario } from '../scenarios/registry.ts';
import { resolveScenario, type ScenarioPlan } from '../scenarios/resolve.ts';

const busyRate = measureBusyRate();

function planOf(id: string, latencyMs?: number): ScenarioPlan {
  return resolveScenario(findScenario(id), {
    profile: 'article',
    overrides: latencyMs === undefined ? {} : { latencyMs },
    runners: ['promise-concurrent'],
    seed: 7,
    threads: os.availableParallelism(),
    processes: os.availableParallelism(),
    client: {},
    cpuWork: undefined,
  });
}

/**
 * A sweep of promise-concurrent with the real harness, mock-server process and runner. The checks are the rules
 * and bounds that hold on any machine; where a knee lands on this host is a figure for `npm run tune`.
 */
async function tune(plan: ScenarioPlan, overrides: TuneOverrides): Promise<{ tune: TuneFile; recommendation: Recommendation }> {
  const { slo, bounds } = resolveTuneSettings(plan, overrides);
  const result = await runTune({
    plan,
    runners: ['promise-concurrent'],
    slo,
    bounds,
    seed: 7,
    busyRate,
    // The adaptive limiters beside the recommendation have tests of their own (limiter*.test.ts): not here.
    limiters: [],
    progress: silentProgress,
    signal: new AbortController().signal,
  });
  const recommendation = result.recommendations[0];
  assert.ok(recommendation, 'a recommendation');
  assert.equal(result.run.complete, true);
  return { tune: result, recommendation };
}

function curve(result: TuneFile): string {
  return result.points
    .map(
      (p) =>
        `${p.sweep} ${p.concurrency}${p.connections ? `/${p.connections}c` : ''}: ${Math.round(p.throughput)}/s p99 ${p.latencyMs.p99.toFixed(0)}`,
    )
    .join('; ');
}

after(() => stopAllChildren());

describe('tune on servers whose answer is known', () => {
  test('saturating-backend (capacity 32): the recommendation is a measured level within 5% of the best feasible, never past N*', async () => {
    // Where the knee lands depends on how fast this host's client is; what holds on any machine is the rule itself.
    const { tune: result, recommendation } = await tune(planOf('saturating-backend'), { maxConcurrency: 128, iterations: 2 });
    // The USL fit: enough levels measured for it, and its N* (where it finds a retrograde region) caps the recommendation.
    const fit = result.usl?.[0];
    assert.ok(fit, `a USL fit of the sweep: ${JSON.stringify(result.uslSkipped)}`);
    assert.ok(fit.levels >= 6 && fit.r2 <= 1);
    const ceiling = fit.peakConcurrency ?? Number.POSITIVE_INFINITY;
    assert.ok(recommendation.concurrency <= ceiling, `N* ${fit.peakConcurrency}: ${curve(result)}`);
    const feasible = concurrencyCurve(result.points).filter(
      (p) => p.concurrency <= ceiling && p.latencyMs.p99 <= result.slo.p99Ms && p.errorRate <= result.slo.maxErrorRate,
    );
    const best = Math.max(...feasible.map((p) => p.throughput));
    const chosen = concurrencyCurve(result.points).find((p) => p.concurrency === recommendation.concurrency);
    assert.ok(chosen, `the recommendation is a level the sweep measured: ${curve(result)}`);
    assert.equal(recommendation.meetsSlo, true);
    assert.ok(
      chosen.throughput >= 0.95 * best,
      `${Math.round(chosen.throughput)} against the best feasible ${Math.round(best)}: ${curve(result)}`,
    );
    assert.ok(result.points.length < 20, 'it stopped early instead of sweeping every level');
    for (const p of result.points)
      assert.ok(p.throughput <= (p.littleThroughput ?? Infinity) * 1.05, `never faster than Little's law: ${curve(result)}`);
  });

  test('rate-limited at 200 req/s: no point gets more answers through than the bucket allows', async () => {
    const plan = planOf('rate-limited', 50);
    const limit = plan.serverBounds.rateLimitPerSecond ?? 0;
    const burst = plan.server.rateLimitBurst ?? limit / 10;
    assert.equal(limit, 200);
    const { tune: result } = await tune(plan, { rounds: 12, iterations: 2, sloP99Ms: 500 });
    for (const p of result.points) {
      // Successful answers per second over one batch: at most rate x t + burst, whatever the machine's speed.
      const wallSeconds = p.requests / p.throughput;
      const okPerSecond = p.throughput * (1 - p.errorRate);
      assert.ok(
        okPerSecond <= limit + burst / wallSeconds + 1e-6,
        `${Math.round(okPerSecond)} ok/s at ${p.concurrency} in flight: ${curve(result)}`,
      );
    }
    assert.ok(
      result.points.some((p) => p.rateLimited > 0),
      'the sweep reached the limit and saw 429s',
    );
  });

  test("unlimited capacity, fixed latency: the recommendation rises with the latency (Little's law)", async () => {
    const fast = await tune(planOf('io-bound', 2), { maxConcurrency: 256, iterations: 2 });
    const slow = await tune(planOf('io-bound', 40), { maxConcurrency: 256, rounds: 8, iterations: 2 });
    assert.ok(
      slow.recommendation.concurrency > fast.recommendation.concurrency,
      `2 ms: ${fast.recommendation.concurrency} (${curve(fast.tune)}); 40 ms: ${slow.recommendation.concurrency} (${curve(slow.tune)})`,
    );
    // How close the client gets to Little's law depends on the machine (CI shares its cores), so that figure is
    // a benchmark (`npm run tune`), not a test; the bound itself is an invariant.
    for (const p of slow.tune.points)
      assert.ok(p.throughput <= (p.littleThroughput ?? Infinity) * 1.05, `never faster than Little's law: ${curve(slow.tune)}`);
    assert.ok(
      slow.tune.points.some((p) => p.concurrency === slow.recommendation.concurrency),
      'the recommendation is a level the sweep measured',
    );
  });
});
