import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iterationWarnings, littleWarning } from '../harness/statistics/iteration-warnings.ts';

const kinds = (walls: readonly number[], ideals?: readonly number[]): string[] =>
  iterationWarnings(walls, ideals).map((warning) => warning.kind);

test('hyperfine-style warnings: a slow first batch, outliers, too few iterations', () => {
  assert.deepEqual(kinds([160, 158, 161, 159, 160]), [], 'steady batches say nothing');
  assert.deepEqual(kinds([260, 158, 161, 159, 160]), ['first-iteration-outlier']);
  assert.deepEqual(kinds([160, 158, 161, 259, 160]), ['outliers']);
  assert.deepEqual(kinds([155, 156, 157, 155, 165]), [], 'a batch 6% off a tight median is noise, not an outlier');
  assert.deepEqual(kinds([160, 158]), ['few-iterations']);
});

test("judged over each batch's exact ideal: a batch that met slow draws is not an outlier", () => {
  const walls = [342, 143, 141, 173, 187];
  assert.deepEqual(kinds(walls), ['first-iteration-outlier']);
  assert.deepEqual(kinds(walls, [330, 137, 136, 166, 180]), []);
});

test("Little's law: flagged when the client kept more than 10% fewer in flight than it should", () => {
  assert.equal(littleWarning(30, 28), undefined);
  assert.match(littleWarning(30, 18)?.message ?? '', /did not keep 30 in flight: by Little's law it kept 18\.0/);
  assert.equal(littleWarning(30, undefined), undefined);
});
