import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { measureBusyRate } from '../runners/busy-rate.ts';
import { createNodeRunner } from '../runners/host/load-runner.ts';
import type { RunnerId } from '../runners/types.ts';
import { doWork, extractLinks, prepareWork } from '../runners/work.ts';
import { testBatch } from './support/test-batch.ts';
import { useMockServer } from './support/mock-server.ts';

test('html work parses the page with a real parser and extracts its links', async () => {
  await prepareWork({ kind: 'html' });
  const page = '<html><body><a href="/a">A</a><p>text <a href=\'/b?x=1\'>B</a></p><a name="no-link">C</a><A HREF="/c">D</A></body></html>';
  assert.deepEqual(extractLinks(page), ['/a', '/b?x=1', '/c']);
  assert.equal(doWork({ kind: 'html' }, page, { busyRoundsPerMs: 1 }), 3);
  assert.equal(doWork({ kind: 'json' }, '{"a":1,"b":2}', { busyRoundsPerMs: 1 }), 2);
  assert.throws(() => doWork({ kind: 'json' }, 'not json', { busyRoundsPerMs: 1 }));
});

describe('busy CPU work runs where the model runs it', () => {
  const server = useMockServer({ latencyMs: 0, bodyBytes: 64 });
  const busyRate = measureBusyRate();
  const REQUESTS = 40;
  const WORK_MS = 5;

  interface Measured {
    /** Time the main event loop was busy during the batch, and the work's own time summed over requests. */
    readonly mainActiveMs: number;
    readonly workMs: number;
    readonly mainCpuMs: number;
    readonly childCpuMs: number;
    readonly workerLoops: readonly number[];
  }

  async function measure(id: RunnerId): Promise<Measured> {
    const runner = await createNodeRunner(id, { poolSize: 2 });
    const batch = (requests: number) => testBatch(server().url, requests, 4, { kind: 'busy', ms: WORK_MS }, busyRate.busyRoundsPerMs);
    await runner.start();
    try {
      await runner.runBatch(batch(4));
      const cpuBefore = process.cpuUsage();
      const loopBefore = performance.eventLoopUtilization();
      const outcome = await runner.runBatch(batch(REQUESTS));
      const cpu = process.cpuUsage(cpuBefore);
      assert.equal(outcome.ok, REQUESTS);
      assert.ok(outcome.split.workMs > 0, 'work time is measured');
      return {
        mainActiveMs: performance.eventLoopUtilization(loopBefore).active,
        workMs: outcome.split.workMs,
        mainCpuMs: (cpu.user + cpu.system) / 1000,
        childCpuMs: outcome.processes.reduce((sum, usage) => sum + (usage.cpuUserUs + usage.cpuSystemUs) / 1000, 0),
        workerLoops: outcome.loopUtilization,
      };
    } finally {
      await runner.stop();
    }
  }

  // Side-by-side comparisons within one batch, true on any machine however fast or busy: where the time was spent.
  test('promise-concurrent (control): the main loop was busy for at least as long as the work took', async () => {
    const { mainActiveMs, workMs } = await measure('promise-concurrent');
    assert.ok(
      mainActiveMs >= workMs * 0.95,
      `main loop active ${mainActiveMs.toFixed(1)} ms for ${workMs.toFixed(1)} ms of work done on it`,
    );
  });

  test('worker-threads: the work ran on the two worker loops, not on the main loop', async () => {
    const { mainActiveMs, workMs, workerLoops } = await measure('worker-threads');
    assert.equal(workerLoops.length, 2);
    assert.ok(
      mainActiveMs < workMs,
      `main loop active ${mainActiveMs.toFixed(1)} ms while ${workMs.toFixed(1)} ms of work ran in the threads`,
    );
  });

  test('child-process: the children spent more CPU than the main process (the work ran in them)', async () => {
    const { mainCpuMs, childCpuMs, workerLoops } = await measure('child-process');
    assert.equal(workerLoops.length, 2);
    assert.ok(childCpuMs > mainCpuMs, `children ${childCpuMs.toFixed(1)} ms of CPU, main process ${mainCpuMs.toFixed(1)} ms`);
  });
});
