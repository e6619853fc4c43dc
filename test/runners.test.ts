import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startModelHost } from '../runners/host/model-host.ts';
import { defaultRunnerIds, runnerDescriptor } from '../runners/registry.ts';
import { NO_WORK } from '../runners/work.ts';
import { testBatch } from './support/test-batch.ts';
import { useIdentityRecorder } from './support/identity-recorder.ts';
import { useMockServer } from './support/mock-server.ts';

const LATENCY_MS = 20;
const REQUESTS = 48;

describe('runners against a real mock-server process', () => {
  const server = useMockServer({ latencyMs: LATENCY_MS, bodyBytes: 128 });

  for (const id of defaultRunnerIds()) {
    test(`${id} completes every request without errors and keeps its in-flight limit at the server, level after level in one model host`, async () => {
      const descriptor = runnerDescriptor(id);
      const host = await startModelHost(descriptor, 2);
      try {
        for (const concurrency of [8, 3, 8]) {
          await server().resetStats();
          const { outcome, wallMs } = await host.runBatch(testBatch(server().url, REQUESTS, concurrency));
          const stats = await server().stats();
          assert.ok(wallMs > 0, 'the host times the batch');
          assert.equal(outcome.requests, REQUESTS);
          assert.equal(outcome.ok, REQUESTS);
          assert.deepEqual(outcome.errorsByKind, {});
          assert.equal(outcome.bytes, REQUESTS * 128);
          assert.equal(outcome.latenciesUs.length, REQUESTS);
          assert.equal(stats.served, REQUESTS);
          const expectedInFlight = descriptor.inFlight === 'one' ? 1 : concurrency;
          assert.equal(descriptor.layout(concurrency, 2).inFlight, expectedInFlight);
          assert.ok(stats.maxInFlight <= expectedInFlight, `server saw ${stats.maxInFlight} in flight, limit ${expectedInFlight}`);
          // The limit is also reached: the model really keeps that many in flight.
          assert.equal(stats.maxInFlight, expectedInFlight);
          const fastestMs = Math.min(...outcome.latenciesUs) / 1000;
          assert.ok(fastestMs >= LATENCY_MS * 0.999, `fastest request took ${fastestMs} ms, below the ${LATENCY_MS} ms latency`);
          assert.ok(
            outcome.processes.some((usage) => usage.pid === host.pid),
            'the host reports its own CPU',
          );
        }
      } finally {
        await host.stop();
      }
    });
  }

  test('pool runners name their label: workers x in flight per worker, never more workers than in flight', () => {
    assert.equal(runnerDescriptor('worker-threads').layout(10, 2).label, 'worker-threads 2x5');
    assert.equal(runnerDescriptor('child-process').layout(1, 4).label, 'child-process 1x1');
    assert.equal(runnerDescriptor('child-process').layout(5, 2).label, 'child-process 2x3 (5 in flight)');
    assert.equal(runnerDescriptor('sequential').layout(100, 2).inFlight, 1);
  });
});

describe('pools pull the indices of a batch', () => {
  const PULL_REQUESTS = 30;
  const PULL_IN_FLIGHT = 5;
  const recorder = useIdentityRecorder(LATENCY_MS);
  const server = useMockServer({ latencyMs: LATENCY_MS, bodyBytes: 64 });

  for (const id of defaultRunnerIds()) {
    test(`${id}: every index of the batch is sent exactly once, as attempt 0 of its stream and iteration`, async () => {
      const host = await startModelHost(runnerDescriptor(id), 2);
      try {
        recorder().reset();
        const batch = testBatch(recorder().url, PULL_REQUESTS, PULL_IN_FLIGHT, NO_WORK, 1, 7);
        const { outcome } = await host.runBatch(batch);
        assert.equal(outcome.ok, PULL_REQUESTS);
        const seen = recorder().seen;
        assert.equal(seen.length, PULL_REQUESTS);
        const indices = seen.map((identity) => {
          assert.ok(identity, 'every request carries a readable identity');
          assert.equal(identity.stream, batch.stream);
          assert.equal(identity.iteration, 7);
          assert.equal(identity.attempt, 0);
          return identity.index;
        });
        assert.deepEqual(
          indices.sort((a, b) => a - b),
          Array.from({ length: PULL_REQUESTS }, (_, index) => index),
        );
      } finally {
        await host.stop();
      }
    });
  }

  for (const id of ['worker-threads', 'child-process'] as const) {
    test(`${id}: at ${PULL_IN_FLIGHT} in flight over 2 workers both workers pull, and the server never sees more than ${PULL_IN_FLIGHT}`, async () => {
      const host = await startModelHost(runnerDescriptor(id), 2);
      try {
        for (let iteration = 0; iteration < 3; iteration += 1) {
          await server().resetStats();
          const { outcome } = await host.runBatch(testBatch(server().url, PULL_REQUESTS, PULL_IN_FLIGHT, NO_WORK, 1, iteration));
          const stats = await server().stats();
          assert.equal(outcome.requests, PULL_REQUESTS);
          assert.equal(stats.received, PULL_REQUESTS, 'no index sent twice');
          assert.equal(outcome.requestsByLoop.length, 2);
          assert.equal(
            outcome.requestsByLoop.reduce((sum, requests) => sum + requests, 0),
            PULL_REQUESTS,
          );
          for (const requests of outcome.requestsByLoop)
            assert.ok(requests > 0, `a worker sent no request: ${outcome.requestsByLoop.join(', ')}`);
          assert.ok(stats.maxInFlight <= PULL_IN_FLIGHT, `server saw ${stats.maxInFlight} in flight, limit ${PULL_IN_FLIGHT}`);
        }
      } finally {
        await host.stop();
      }
    });
  }
});
