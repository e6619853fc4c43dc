import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { latencyPercentilesMs } from '../harness/histogram.ts';
import { defaultClientConfig } from '../runners/http-client.ts';
import { runners } from '../runners/registry.ts';
import { RUNNER_IDS, type RunnerOptions } from '../runners/types.ts';
import { NO_WORK } from '../runners/work.ts';
import { useMockServer } from './support/mock-server.ts';

const LATENCY_MS = 20;
const REQUESTS = 48;
const CONCURRENCY = 8;

describe('runners against a real mock-server process', () => {
  const server = useMockServer({ latencyMs: LATENCY_MS, bodyBytes: 128 });
  const options = (): RunnerOptions => ({
    targetUrl: server().url,
    path: '/',
    concurrency: CONCURRENCY,
    client: defaultClientConfig,
    poolSize: 2,
    work: { cpuWork: NO_WORK, calibration: { busyRoundsPerMs: 1 } },
  });

  for (const id of RUNNER_IDS) {
    test(`${id} completes every request without errors and keeps its in-flight limit at the server`, async () => {
      const runner = runners[id](options());
      await runner.start();
      try {
        for (let batch = 0; batch < 2; batch += 1) {
          await server().resetStats();
          const outcome = await runner.runBatch(REQUESTS);
          const stats = await server().stats();
          assert.equal(outcome.requests, REQUESTS);
          assert.equal(outcome.ok, REQUESTS);
          assert.deepEqual(outcome.errorsByKind, {});
          assert.equal(outcome.bytes, REQUESTS * 128);
          assert.equal(outcome.latency.totalCount, REQUESTS);
          assert.equal(stats.served, REQUESTS);
          const expectedInFlight = id === 'sequential' ? 1 : CONCURRENCY;
          assert.equal(runner.inFlight, expectedInFlight);
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

  test('pool runners spread in-flight requests across their workers and name the shape', () => {
    const threads = runners['worker-threads']({ ...options(), concurrency: 10 });
    const processes = runners['child-process']({ ...options(), concurrency: 1 });
    assert.equal(threads.shape, 'worker-threads 2x5');
    assert.equal(processes.shape, 'child-process 1x1');
  });
});
