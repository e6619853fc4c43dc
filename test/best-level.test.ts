import assert from 'node:assert/strict';
import { levelSetsInFlight } from '../harness/measure/level-sets-in-flight.ts';
import { describe, test } from 'node:test';
import { bestLevelOf, bestLevels } from '../harness/bench/best-level.ts';
import { checkResults } from '../harness/thresholds/check-thresholds.ts';
import { parseThreshold } from '../harness/thresholds/parse-threshold.ts';
import type { CompletedResult } from '../results/types.ts';
import { completedResult } from './support/results-fixture.ts';

function level(concurrency: number, goodput: number, p99: number): CompletedResult {
  const base = completedResult('promise-concurrent', concurrency, goodput);
  return { ...base, latencyMs: { ...base.latencyMs, p99 } };
}

describe('the limit, by one rule', () => {
  test('a capacity-6 service: 6 in flight is the limit, not the busiest level, and it is bracketed', () => {
    const rows = [level(2, 45, 60), level(6, 122, 90), level(16, 123, 240)];
    const best = bestLevelOf('promise-concurrent', rows, []);
    assert.equal(best.kind, 'found');
    assert.ok(best.kind === 'found');
    assert.equal(best.concurrency, 6, 'within 95% of 123 req/s at the smallest level');
    assert.equal(best.bracketed, true);
    assert.equal(best.tryHigher, false, '16 gained under 10% over 6');
  });

  test('a level that breaks a threshold is never the limit, nor a reason to try higher', () => {
    const rows = [level(2, 45, 60), level(4, 90, 80), level(16, 123, 240)];
    const thresholds = checkResults(rows, [parseThreshold('p99<100ms')]);
    const best = bestLevelOf('promise-concurrent', rows, thresholds);
    assert.ok(best.kind === 'found');
    assert.equal(best.concurrency, 4);
    assert.match(best.rule, /that meets p99<100ms/);
    assert.equal(best.tryHigher, false, 'the highest level broke p99<100ms');
    const none = bestLevelOf('promise-concurrent', rows, checkResults(rows, [parseThreshold('p99<10ms')]));
    assert.equal(none.kind, 'none');
    assert.ok(none.kind === 'none');
    assert.match(none.reason, /no level met p99<10ms \(the lowest p99 was 60\.0 ms, at 2 in flight\)/);
  });

  test('"try higher" only when the two highest levels differ by 10% or more; never for one level', () => {
    const gaining = bestLevelOf('promise-concurrent', [level(10, 500, 30), level(40, 1400, 40)], []);
    assert.ok(gaining.kind === 'found');
    assert.equal(gaining.concurrency, 40);
    assert.equal(gaining.tryHigher, true);
    assert.equal(gaining.bracketed, false, 'nothing measured above 40');
    const flat = bestLevelOf('promise-concurrent', [level(10, 1300, 30), level(40, 1400, 40)], []);
    assert.ok(flat.kind === 'found');
    assert.equal(flat.tryHigher, false);
    const one = bestLevelOf('promise-concurrent', [level(30, 700, 60)], []);
    assert.ok(one.kind === 'found');
    assert.equal(one.tryHigher, false);
    assert.equal(one.bracketed, false);
  });

  test('per model, closed loop only, and only models whose level sets their requests in flight', () => {
    const sequential = completedResult('sequential', 1, 55);
    const rows = [sequential, level(8, 400, 30), { ...level(8, 400, 30), limiter: 'p-limit' as const }];
    const levels = bestLevels(rows, [], levelSetsInFlight);
    assert.deepEqual(
      levels.map((best) => best.runner),
      ['promise-concurrent', 'promise-concurrent/p-limit'],
    );
  });
});
