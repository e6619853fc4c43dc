import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LimitTrace, settledLimit } from '../runners/limiters/trace.ts';

test('the trace stays bounded and its time-weighted mean survives decimation', () => {
  const trace = new LimitTrace();
  // A limit alternating 5, 6 for 1 ms each, then 9 for the last quarter of the time.
  for (let i = 0; i < 30_000; i += 1) trace.record(i, i % 2 === 0 ? 5 : 6, 3);
  for (let i = 30_000; i < 40_000; i += 1) trace.record(i, 9, 3);
  const samples = trace.samples();
  assert.ok(samples.length <= 1_000, `${samples.length} samples`);
  assert.ok(samples.length >= 250);
  assert.equal(samples[0]?.atMs, 0);
  assert.equal(samples.at(-1)?.atMs, 39_999);
  // Second half = [20000, 39999]: 10000 ms at 5.5, 9999 ms at 9.
  const exact = (10_000 * 5.5 + 9_999 * 9) / 19_999;
  const settled = settledLimit(samples) ?? 0;
  assert.ok(Math.abs(settled - exact) < 0.05, `settled ${settled}, exact ${exact}`);
  for (let i = 1; i < samples.length; i += 1) assert.ok((samples[i]?.atMs ?? 0) > (samples[i - 1]?.atMs ?? 0));
});

test('settledLimit: undefined without samples, the value itself without a span', () => {
  assert.equal(settledLimit([]), undefined);
  assert.equal(settledLimit([{ atMs: 5, limit: 7, inFlight: 0 }]), 7);
  assert.equal(
    settledLimit([
      { atMs: 0, limit: 1, inFlight: 0 },
      { atMs: 50, limit: 4, inFlight: 0 },
      { atMs: 75, limit: 8, inFlight: 0 },
      { atMs: 100, limit: 8, inFlight: 0 },
    ]),
    6,
  );
});
