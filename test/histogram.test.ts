import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLatencyHistogram, latencyPercentilesMs, recordLatencyMs } from '../common/histogram.ts';
import { measuredOutcome, mergeMeasured } from '../harness/measure/measured-outcome.ts';
import { mergeOutcomes, OutcomeRecorder } from '../runners/outcome.ts';
import type { ResponseRecord } from '../runners/http-client.ts';

/** Nearest-rank percentile over raw samples, the definition HDR histograms approximate. */
function rawPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

const ok: ResponseRecord = {
  status: 200,
  bytes: 10,
  errorKind: undefined,
  body: undefined,
  attempts: 1,
  backoffMs: 0,
  serverQueueMs: Number.NaN,
  serverServeMs: Number.NaN,
};

test('latencies recorded in workers, merged in a host and turned into histograms agree with raw-sample percentiles', () => {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const shares = [60, 25, 15].map((count) => Array.from({ length: count }, () => 1 + random() * 99 + (random() < 0.05 ? 400 : 0)));
  const outcomes = shares.map((samples) => {
    const recorder = new OutcomeRecorder();
    for (const ms of samples) recorder.record(ms, ok, 0, 0);
    // What crosses a thread or process boundary: a structured clone.
    return structuredClone(recorder.finish(0));
  });
  // The host merges its workers' shares; the orchestrator builds histograms per batch and adds them.
  const [first, second, third] = outcomes;
  assert.ok(first && second && third);
  const merged = mergeMeasured([measuredOutcome(mergeOutcomes([first, second])), measuredOutcome(third)]);
  const all = shares.flat().sort((a, b) => a - b);
  assert.equal(merged.requests, all.length);
  assert.equal(merged.latency.totalCount, all.length);
  const percentiles = latencyPercentilesMs(merged.latency);
  for (const [p, value] of [
    [50, percentiles.p50],
    [90, percentiles.p90],
    [99, percentiles.p99],
  ] as const) {
    const expected = rawPercentile(all, p);
    // 3 significant digits: within 0.1% plus the 1 µs recording resolution.
    assert.ok(Math.abs(value - expected) <= expected * 0.001 + 0.002, `p${p}: histogram ${value}, raw ${expected}`);
  }
  const largest = all.at(-1) ?? Number.NaN;
  assert.ok(Math.abs(percentiles.max - largest) <= largest * 0.001 + 0.002);
});

test('merging adds counts, retries, errors and time splits', () => {
  const a = new OutcomeRecorder();
  a.record(10, { ...ok, attempts: 3, backoffMs: 4, serverQueueMs: 1, serverServeMs: 3 }, 2, 0.5);
  const b = new OutcomeRecorder();
  b.record(20, { ...ok, status: 503, errorKind: 'http_5xx' }, 0, 0);
  const merged = mergeOutcomes([a.finish(0.5), b.finish(0.25)]);
  assert.equal(merged.requests, 2);
  assert.equal(merged.ok, 1);
  assert.equal(merged.retries, 2);
  assert.deepEqual(merged.errorsByKind, { http_5xx: 1 });
  assert.deepEqual(merged.statusCounts, { '200': 1, '503': 1 });
  assert.deepEqual(merged.split, { slotWaitMs: 2, serverQueueMs: 1, serverServeMs: 3, restMs: 2 + 20, backoffMs: 4, workMs: 0.5 });
  assert.deepEqual(merged.loopUtilization, [0.5, 0.25]);
  const empty = createLatencyHistogram();
  recordLatencyMs(empty, 0);
  assert.equal(empty.totalCount, 1, 'a zero latency is still counted');
});

test('Server-Timing from the mock server is read into queue and serve time', async () => {
  const { parseServerTiming } = await import('../runners/server-timing.ts');
  assert.deepEqual(parseServerTiming('queue;dur=1.250, serve;dur=16.021'), { queueMs: 1.25, serveMs: 16.021 });
  assert.deepEqual(parseServerTiming('serve;dur=3'), { queueMs: 0, serveMs: 3 });
  assert.equal(parseServerTiming('cache;desc=hit'), undefined);
  assert.equal(parseServerTiming(undefined), undefined);
});

test('Server-Timing read in place gives what parseFloat gives, for every number form', async () => {
  const { serverTimingMs } = await import('../runners/server-timing.ts');
  for (const text of ['0', '0.000', '16.021', '.5', '7.', '123456.789', '1e3', '-2.5', '3.25;desc=x', '4.5 ', '1.2.3']) {
    const header = `queue;dur=${text}, serve;dur=1`;
    assert.equal(serverTimingMs(header, 'queue'), Number.parseFloat(text), text);
    assert.equal(serverTimingMs(header, 'serve'), 1, text);
  }
  assert.ok(Number.isNaN(serverTimingMs('queue;dur=x', 'queue')), 'not a number');
  assert.ok(Number.isNaN(serverTimingMs('serve;dur=3', 'queue')), 'absent');
  assert.ok(Number.isNaN(serverTimingMs('queue;dur=Infinity', 'queue')), 'not finite');
});

test('Server-Timing written by the mock server: three decimals, within half a microsecond, read back by the client', async () => {
  const { formatServerTiming } = await import('../mock-server/server-timing.ts');
  const { parseServerTiming } = await import('../runners/server-timing.ts');
  for (const ms of [0, 0.0004, 0.0006, 0.043, 0.0995, 0.999, 1, 16.0215, 999.9996, 123456.789, -0.2]) {
    const header = formatServerTiming(ms, ms + 20);
    assert.match(header, /^queue;dur=\d+\.\d{3}, serve;dur=\d+\.\d{3}$/);
    const parsed = parseServerTiming(header);
    assert.ok(parsed, header);
    assert.ok(Math.abs(parsed.queueMs - Math.max(0, ms)) <= 0.0005 + 1e-9, `${ms} -> ${header}`);
    assert.ok(Math.abs(parsed.serveMs - (ms + 20)) <= 0.0005 + 1e-9, `${ms + 20} -> ${header}`);
  }
});
