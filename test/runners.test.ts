import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { latencyPercentilesMs } from '../common/histogram.ts';
import { runners } from '../runners/registry.ts';
import { RUNNER_IDS } from '../runners/types.ts';
import { batchJob } from './support/batch-job.ts';
import { useMockServer } from './support/mock-server.ts';

const LATENCY_MS = 20;
const REQUESTS = 48;

describe('runners against a real mock-server process', () => {
  const server = useMockServer({ latencyMs: LATENCY_MS, bodyBytes: 128 });

  for (const id of RUNNER_IDS) {
    test(`${id} completes every request without errors and keeps its in-flight limit at the server, level after level on one pool`, async () => {
      const runner = runners[id]({ poolSize: 2 });
      await runner.start();
      try {
        for (const concurrency of [8, 3, 8]) {
          await server().resetStats();
          const outcome = await runner.runBatch(batchJob(server().url, REQUESTS, concurrency));
          const stats = await server().stats();
          assert.equal(outcome.requests, REQUESTS);
          assert.equal(outcome.ok, REQUESTS);
          assert.deepEqual(outcome.errorsByKind, {});
          assert.equal(outcome.bytes, REQUESTS * 128);
          assert.equal(outcome.latency.totalCount, REQUESTS);
          assert.equal(stats.served, REQUESTS);
          const expectedInFlight = id === 'sequential' ? 1 : concurrency;
          assert.equal(runner.layout(concurrency).inFlight, expectedInFlight);
          assert.ok(stats.maxInFlight <= expectedInFlight, `server saw ${stats.maxInFlight} in flight, limit ${expectedInFlight}`);
          // The limit is also reached: the model really keeps that many in flight.
          assert.equal(stats.maxInFlight, expectedInFlight);
          const latency = latencyPercentilesMs(outcome.latency);
          assert.ok(latency.min >= LATENCY_MS * 0.999, `fastest request took ${latency.min} ms, below the ${LATENCY_MS} ms latency`);
        }
      } finally {
        await runner.stop();
      }
    });
  }

  test('pool runners name their shape: workers x in flight per worker, never more workers than in flight', () => {
    assert.equal(runners['worker-threads']({ poolSize: 2 }).layout(10).shape, 'worker-threads 2x5');
    assert.equal(runners['child-process']({ poolSize: 4 }).layout(1).shape, 'child-process 1x1');
    assert.equal(runners['child-process']({ poolSize: 2 }).layout(5).shape, 'child-process 2x3 (5 in flight)');
    assert.equal(runners.sequential({ poolSize: 2 }).layout(100).inFlight, 1);
  });
});
