import assert from 'node:assert/strict';
import { test } from 'node:test';
import { limiterLabel } from '../harness/measure/limiter-label.ts';
import { levelLimitTrace } from '../harness/measure/limit-trace.ts';
import { modelName } from '../results/model-name.ts';
import { seriesToWire } from '../runners/limiters/limit-series.ts';
import { findScenario } from '../scenarios/registry.ts';
import { limitersFor, resolveScenario, runSettings } from '../scenarios/resolve.ts';
import { parseBenchArgs } from '../scripts/cli/bench-options.ts';

test('--limiter makes each (runner, limiter) its own row; lanes rows name no limiter; sequential has nothing to limit', async () => {
  const options = await parseBenchArgs(['--scenario', 'tail-latency', '--limiter', 'lanes,p-limit,aimd', '--out', '/tmp/unused']);
  const plan = options.plans[0];
  assert.ok(plan);
  assert.deepEqual(plan.limiters, ['lanes', 'p-limit', 'aimd']);
  assert.deepEqual(limitersFor('promise-concurrent', plan), [undefined, 'p-limit', 'aimd']);
  assert.deepEqual(limitersFor('sequential', plan), [undefined]);
  assert.equal(limiterLabel('promise-concurrent 1x50', 'promise-concurrent', 'p-limit'), 'promise-concurrent/p-limit 1x50');
  assert.equal(limiterLabel('worker-threads 2x25', 'worker-threads', undefined), 'worker-threads 2x25');
  assert.equal(modelName({ runner: 'worker-threads', limiter: 'vegas' }), 'worker-threads/vegas');
  const defaults = resolveScenario(findScenario('tail-latency'), runSettings({ threads: 2, processes: 2 }));
  assert.deepEqual(defaults.limiters, ['lanes']);
});

test('shifting-backend drops its capacity halfway through every batch and stays out of the default run', () => {
  const scenario = findScenario('shifting-backend');
  assert.equal(scenario.inDefaultSuite, false);
  const phase = scenario.server.phases?.[0];
  assert.equal(phase?.capacity, 8);
  for (const profile of ['quick', 'article', 'full'] as const) {
    const requests = scenario.profiles[profile]?.requests;
    assert.equal(requests, 2 * (phase?.afterRequests ?? 0), `${profile}: the shift at the half`);
  }
});

test('limits record: samples from the measured batches, settled over their second half, convergence from the first batch', () => {
  // Warm-up climbs 4 -> 20 over 100 ms; the measured batches hold 20 then dip briefly to 30 and back.
  const warmup = seriesToWire(Array.from({ length: 17 }, (_, i) => ({ atMs: i * 6, limit: 4 + i })));
  const measured = seriesToWire([
    { atMs: 0, limit: 20 },
    { atMs: 50, limit: 21 },
  ]);
  const record = levelLimitTrace([
    { offsetMs: 0, wallMs: 100, trace: warmup, measured: false },
    { offsetMs: 120, wallMs: 100, trace: measured, measured: true },
    { offsetMs: 240, wallMs: 100, trace: measured, measured: true },
  ]);
  assert.ok(record);
  assert.ok(record.samples.length <= 200);
  assert.ok(
    record.samples.every((sample) => sample.atMs >= 120),
    'measured batches only',
  );
  assert.ok(record.settled >= 20 && record.settled <= 21);
  // Within 20% of ~20.5 means >= 16.4: from the warm-up's limit 17 at 13 x 6 ms.
  assert.equal(record.convergeMs, 78);
  assert.equal(levelLimitTrace([{ offsetMs: 0, wallMs: 10, trace: [], measured: true }]), undefined);
});
