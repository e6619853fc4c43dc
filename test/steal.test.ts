import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STEAL_WARNING_SHARE, stealWarning, watchSteal } from '../harness/measure/steal.ts';

test('steal time: a share of CPU time on Linux, and a warning only above the threshold', async () => {
  const stolen = watchSteal();
  const until = Date.now() + 50;
  while (Date.now() < until); // some CPU time must pass for a share to exist
  const share = stolen();
  if (process.platform === 'linux') assert.ok(share !== undefined && share >= 0 && share <= 1, `share ${String(share)}`);
  assert.equal(stealWarning(undefined), undefined);
  assert.equal(stealWarning(STEAL_WARNING_SHARE), undefined);
  assert.match(stealWarning(0.193) ?? '', /^Warning: the host gave 19\.3% of this machine's CPU time to other guests/);
});
