import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UsageError } from '../common/usage-error.ts';
import { sustains } from '../harness/open-loop/sustained.ts';
import { DEFAULT_OPEN_LOOP_CONCURRENCY } from '../runners/open-loop/settings.ts';
import { levelsFor, ratesFor } from '../scenarios/resolve.ts';
import { parseBenchArgs } from '../scripts/cli/bench-options.ts';

async function usageError(argv: readonly string[]): Promise<string> {
  try {
    await parseBenchArgs(argv);
  } catch (error: unknown) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`expected ${argv.join(' ')} to be refused`);
}

describe('bench --arrival-rate', () => {
  test('one open-loop level per rate, the generous default limit, one iteration', async () => {
    const options = await parseBenchArgs(['--scenario', 'saturating-backend', '--arrival-rate', '1000,500', '--duration', '2']);
    const plan = options.plans[0];
    assert.ok(plan?.openLoop);
    assert.deepEqual(plan.openLoop, { rates: [500, 1000], durationMs: 2000, arrivals: 'constant' });
    assert.deepEqual(plan.concurrency, [DEFAULT_OPEN_LOOP_CONCURRENCY]);
    assert.equal(plan.iterations, 1);
    assert.deepEqual(ratesFor(plan), [500, 1000]);
    assert.deepEqual(levelsFor('sequential', plan), [1], 'sequential keeps its limit of 1');
  });

  test('--concurrency, --iterations, --arrivals and --max-queue are kept', async () => {
    const options = await parseBenchArgs([
      '--scenario',
      'io-bound',
      '--arrival-rate',
      '100',
      '--concurrency',
      '8,32',
      '--iterations',
      '3',
      '--arrivals',
      'poisson',
      '--max-queue',
      '50',
    ]);
    const plan = options.plans[0];
    assert.deepEqual(plan?.concurrency, [8, 32]);
    assert.equal(plan?.iterations, 3);
    assert.deepEqual(plan?.openLoop, { rates: [100], durationMs: 5000, arrivals: 'poisson', maxQueue: 50 });
  });

  test('without --arrival-rate the run stays closed loop', async () => {
    const options = await parseBenchArgs(['--scenario', 'io-bound']);
    assert.equal(options.plans[0]?.openLoop, undefined);
    assert.deepEqual(ratesFor(options.plans[0] ?? { openLoop: undefined }), [undefined]);
  });

  test('bad input is one line naming the flag', async () => {
    assert.equal(await usageError(['--arrival-rate', '0']), 'Expected `--arrival-rate[0]` to be a number > 0, got `0`');
    assert.equal(
      await usageError(['--arrival-rate', '100', '--arrivals', 'bursty']),
      'Expected `--arrivals` to be one of `constant`, `poisson`, got `bursty`',
    );
    assert.match(await usageError(['--duration', '5']), /^Expected `--arrival-rate` to be given with --duration, got nothing$/);
    assert.match(
      await usageError(['--arrival-rate', '100', '--max-queue', '-1']),
      /^Expected `--max-queue` to be an integer >= 0, got `-1`$/,
    );
  });
});

describe('tune --open-loop: what sustains', () => {
  const slo = { p99Ms: 100, maxErrorRate: 0.01 };
  const ok = { offeredRate: 1000, achievedRate: 990, p99Ms: 40, errorRate: 0 };
  test('achieved >= 95% of offered, p99 within the SLO, errors within the limit', () => {
    assert.equal(sustains(ok, slo), true);
    assert.equal(sustains({ ...ok, achievedRate: 940 }, slo), false);
    assert.equal(sustains({ ...ok, p99Ms: 101 }, slo), false);
    assert.equal(sustains({ ...ok, errorRate: 0.02 }, slo), false);
  });
});
