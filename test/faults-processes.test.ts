import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, describe, test } from 'node:test';
import { assertNoProcessLeft, atLevel, loadJournal, pidsRunning, runWithMarker, states, tempDir } from './support/fault-run.ts';

// Small batches at 5 ms: each level lasts a fraction of a second, long enough to be hit mid-level.
const SMALL = [
  '--scenario',
  'io-bound',
  '--requests',
  '40',
  '--latency',
  '5',
  '--iterations',
  '6',
  '--warmup',
  '0',
  '--concurrency',
  '2,4,8',
];
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function out(): Promise<string> {
  const dir = await tempDir('cb-faults-');
  dirs.push(dir);
  return dir;
}

async function kill(marker: string, script: string): Promise<void> {
  const [pid] = await pidsRunning(marker, script);
  assert.ok(pid, `a ${script} process to kill`);
  process.kill(pid, 'SIGKILL');
}

describe('faults survived and named', () => {
  test('kill -9 of the mock server mid-level: named, started again, the next level runs', async () => {
    const dir = await out();
    const run = await runWithMarker('bench.ts', [...SMALL, '--runners', 'worker-threads', '--out', dir], {
      onStderr: atLevel(2, (_, marker) => kill(marker, 'mock-server/process-main.js')),
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /mock server exited with SIGKILL during worker-threads at 4 in flight/);
    const results = await loadJournal(dir);
    assert.deepEqual(states(results), ['2:completed', '4:failed', '8:completed']);
    const failed = results.scenarios[0]?.results[1];
    assert.ok(failed?.state === 'failed' && failed.error.code === 'SERVER_EXITED', JSON.stringify(failed));
    await assertNoProcessLeft(run);
  });

  test('kill -9 of a child process mid-level: the level fails with the cause, a fresh pool runs the next', async () => {
    const dir = await out();
    const run = await runWithMarker('bench.ts', [...SMALL, '--runners', 'child-process', '--out', dir], {
      onStderr: atLevel(2, (_, marker) => kill(marker, 'runners/child-entry.js')),
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /child-process at 4 in flight failed: child process \d+ exited with SIGKILL/);
    assert.doesNotMatch(run.stderr, /ERR_IPC_CHANNEL_CLOSED|\n\s+at /);
    assert.deepEqual(states(await loadJournal(dir)), ['2:completed', '4:failed', '8:completed']);
    await assertNoProcessLeft(run);
  });

  test('kill -9 of a model host mid-level: the level fails with the cause, a fresh host runs the next', async () => {
    const dir = await out();
    const run = await runWithMarker('bench.ts', [...SMALL, '--runners', 'promise-concurrent', '--out', dir], {
      onStderr: atLevel(2, (_, marker) => kill(marker, 'runners/host/node-host.js')),
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /promise-concurrent at 4 in flight failed: promise-concurrent model host exited with SIGKILL/);
    assert.doesNotMatch(run.stderr, /ERR_IPC_CHANNEL_CLOSED|\n\s+at /);
    assert.deepEqual(states(await loadJournal(dir)), ['2:completed', '4:failed', '8:completed']);
    await assertNoProcessLeft(run);
  });

  test('kill -9 of a Python model host mid-level: the level fails with the cause, a fresh host runs the next', async () => {
    const dir = await out();
    const run = await runWithMarker('bench.ts', [...SMALL, '--runners', 'python-asyncio', '--out', dir], {
      onStderr: atLevel(2, (_, marker) => kill(marker, 'runners/python/host.py')),
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /python-asyncio at 4 in flight failed: python-asyncio model host exited with SIGKILL/);
    assert.deepEqual(states(await loadJournal(dir)), ['2:completed', '4:failed', '8:completed']);
    await assertNoProcessLeft(run);
  });

  test('a worker thread that throws: the level fails with the cause, a fresh pool runs the next', async () => {
    const dir = await out();
    // Test hook: each thread throws (uncaught) on its 7th share; level 1 gives each thread 6 (one per batch).
    const run = await runWithMarker('bench.ts', [...SMALL, '--runners', 'worker-threads', '--out', dir], {
      env: { CB_TEST_FAULT: 'throw-in-worker-after:6' },
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /worker-threads at 4 in flight failed: worker thread threw/);
    assert.deepEqual(states(await loadJournal(dir)), ['2:completed', '4:failed', '8:completed']);
    await assertNoProcessLeft(run);
  });

  test('kill -9 of the main process: the journal holds every level completed before', async () => {
    const dir = await out();
    const run = await runWithMarker('bench.ts', [...SMALL, '--runners', 'promise-concurrent', '--out', dir], {
      onStderr: atLevel(3, (child) => void child.kill('SIGKILL')),
    });
    assert.equal(run.signal, 'SIGKILL');
    const results = await loadJournal(dir);
    assert.equal(results.run.complete, false);
    assert.deepEqual(states(results), ['2:completed', '4:completed']);
    await assertNoProcessLeft(run);
    const report = await runWithMarker('report.ts', [`${dir}/results.json`]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /^Incomplete run/);
  });

  test('a level that hangs is abandoned after --level-timeout and the run goes on', async () => {
    const dir = await out();
    const run = await runWithMarker('bench.ts', [
      ...['--scenario', 'io-bound', '--runners', 'promise-concurrent', '--requests', '2', '--iterations', '1', '--warmup', '0'],
      ...['--concurrency', '2', '--latency', '2500', '--timeout', '4000', '--level-timeout', '1', '--out', dir],
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /no batch finished for 1 s during promise-concurrent at 2 in flight: level abandoned/);
    const results = await loadJournal(dir);
    assert.equal(results.run.complete, true);
    assert.deepEqual(states(results), ['2:failed']);
    await assertNoProcessLeft(run);
  });
});
