import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorRateFailure } from '../harness/measure/error-rate.ts';
import { hostExhaustionFailure } from '../harness/measure/host-exhaustion.ts';
import { completedResult } from './support/results-fixture.ts';

const layout = { workers: 2, lanes: 5, inFlight: 10 };

test('a level above --max-error-rate is failed with what its requests ended in, and keeps its identity', () => {
  const measured = completedResult('worker-threads', 10, 300, {
    limiter: 'p-limit',
    layout,
    errorRate: 0.4,
    errors: { total: 120, byKind: { timeout: 90, reset: 30 } },
    attempts: { firstTries: 300, retries: 40 },
  });
  assert.equal(errorRateFailure(measured, 'worker-threads/p-limit at 10 in flight', 0.41), undefined);
  const failed = errorRateFailure(measured, 'worker-threads/p-limit at 10 in flight', 0.05);
  assert.deepEqual(failed && { ...failed, error: failed.error.code }, {
    state: 'failed',
    runner: 'worker-threads',
    limiter: 'p-limit',
    label: measured.label,
    concurrency: 10,
    layout,
    error: 'ERROR_RATE',
    errors: { total: 120, requests: 300, byKind: { timeout: 90, reset: 30 } },
  });
  assert.match(
    failed?.error.message ?? '',
    /^worker-threads\/p-limit at 10 in flight failed: 40% of its requests failed \(timeout 30%, reset 10%\), above the 5.0% limit \(--max-error-rate\)$/,
  );
});

test('a level that ran out of open files is failed with the limit it hit and how to raise it', () => {
  const measured = completedResult('promise-concurrent', 20_000, 900, {
    errors: { total: 21, byKind: { fd_exhausted: 21, reset: 5 } },
    arrival: undefined,
  });
  const failed = hostExhaustionFailure(measured, 'promise-concurrent at 20000 in flight');
  assert.equal(failed?.error.code, 'FDS_EXHAUSTED');
  assert.equal(failed?.errors, undefined);
  assert.equal(failed?.concurrency, 20_000);
  assert.match(failed?.error.message ?? '', /hit the open-files limit: 21 requests failed with EMFILE \(ulimit -n is \S+; raise it/);
  assert.equal(hostExhaustionFailure(completedResult('promise-concurrent', 10, 900), 'x'), undefined);
});
