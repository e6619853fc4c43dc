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
  // CPU work on one event loop: the ideal keeps 2 of a limit of 4 in flight, the client 3.9 while its requests wait
  // for the loop: within the limit, so no warning; past the limit, one.
  assert.equal(littleWarning(2, 3.9, 4), undefined);
  assert.match(littleWarning(2, 4.6, 4)?.message ?? '', /kept 4\.6 in flight, more than the 4 allowed/);
  assert.match(littleWarning(2, 1.5, 4)?.message ?? '', /did not keep 2 in flight/);
});
