import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { calibrateBusyWork } from '../runners/calibrate.ts';
import { runners } from '../runners/registry.ts';
import type { RunnerId } from '../runners/types.ts';
import { doWork, extractLinks } from '../runners/work.ts';
import { batchJob } from './support/batch-job.ts';
import { useMockServer } from './support/mock-server.ts';

test('html work parses the page with a real parser and extracts its links', () => {
  const page = '<html><body><a href="/a">A</a><p>text <a href=\'/b?x=1\'>B</a></p><a name="no-link">C</a><A HREF="/c">D</A></body></html>';
  assert.deepEqual(extractLinks(page), ['/a', '/b?x=1', '/c']);
  assert.equal(doWork({ kind: 'html' }, page, { busyRoundsPerMs: 1 }), 3);
  assert.equal(doWork({ kind: 'json' }, '{"a":1,"b":2}', { busyRoundsPerMs: 1 }), 2);
  assert.throws(() => doWork({ kind: 'json' }, 'not json', { busyRoundsPerMs: 1 }));
});

describe('busy CPU work runs where the model runs it', () => {
  const server = useMockServer({ latencyMs: 0, bodyBytes: 64 });
  const calibration = calibrateBusyWork();
  const REQUESTS = 40;
  const WORK_MS = 5;

  async function measure(id: RunnerId): Promise<{ mainCpuMs: number; mainLoop: number; workerLoops: readonly number[] }> {
    const runner = runners[id]({ poolSize: 2 });
    const job = (requests: number) => batchJob(server().url, requests, 4, { kind: 'busy', ms: WORK_MS }, calibration.busyRoundsPerMs);
    await runner.start();
    try {
      await runner.runBatch(job(4));
      const cpuBefore = process.cpuUsage();
      const loopBefore = performance.eventLoopUtilization();
      const outcome = await runner.runBatch(job(REQUESTS));
      const cpu = process.cpuUsage(cpuBefore);
      assert.equal(outcome.ok, REQUESTS);
      assert.ok(outcome.split.workMs > 0, 'work time is measured');
      return {
        mainCpuMs: (cpu.user + cpu.system) / 1000,
        mainLoop: performance.eventLoopUtilization(loopBefore).utilization,
        workerLoops: outcome.loopUtilization,
      };
    } finally {
      await runner.stop();
    }
  }

  test('promise-concurrent (control): the work keeps the main loop busy', async () => {
    const { mainLoop } = await measure('promise-concurrent');
    assert.ok(mainLoop > 0.5, `main loop ${mainLoop.toFixed(2)} busy while doing ${REQUESTS} x ${WORK_MS} ms of work itself`);
  });

  test('worker-threads: the main loop stays mostly idle, the worker loops are busy', async () => {
    const { mainLoop, workerLoops } = await measure('worker-threads');
    assert.ok(mainLoop < 0.3, `main loop ${mainLoop.toFixed(2)} busy`);
    assert.equal(workerLoops.length, 2);
    assert.ok(Math.max(...workerLoops) > 0.5, `worker loops ${workerLoops.map((l) => l.toFixed(2)).join(', ')}`);
  });

  test('child-process: the main process spends a small fraction of the work CPU', async () => {
    const { mainCpuMs, workerLoops } = await measure('child-process');
    const workCpuMs = REQUESTS * WORK_MS;
    assert.ok(
      mainCpuMs < workCpuMs * 0.3,
      `main process used ${mainCpuMs.toFixed(1)} ms of CPU for ${workCpuMs} ms of work done elsewhere`,
    );
    assert.ok(Math.max(...workerLoops) > 0.5);
  });
});
