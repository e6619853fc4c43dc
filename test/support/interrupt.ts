import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { processesWithMarker } from './processes.ts';
import { runCli, type CliRun } from './run-cli.ts';

/**
 * Runs an entry script, sends SIGINT once its progress reaches the third level (so at least two were
 * measured), and checks what every interrupted run must do: say so, announce no level after the stop, exit 1, and
 * leave no process behind.
 * Processes are found by an environment marker every child inherits, so re-parented orphans count too.
 */
export async function interruptAtThirdLevel(script: string, args: readonly string[]): Promise<CliRun> {
  const marker = `CB_TEST_RUN_${randomUUID().replace(/-/g, '')}`;
  let signalled = false;
  const run = await runCli(script, args, {
    timeoutMs: 120_000,
    env: { ...process.env, [marker]: '1' },
    onStderr(text, child) {
      if (!signalled && /\(3\/\d+\)/.test(text)) {
        signalled = true;
        child.kill('SIGINT');
      }
    },
  });
  assert.ok(signalled, `the run reached its third level: ${run.stderr}`);
  assert.equal(run.code, 1, `an interrupted run exits 1: ${run.stderr}`);
  assert.match(run.stderr, /SIGINT: stopping/);
  const afterStop = run.stderr.slice(run.stderr.indexOf('SIGINT: stopping'));
  assert.doesNotMatch(afterStop, /\(\d+\/\d+\)/, 'no level is announced after the stop');
  // Children leave when their parent's channel closes: poll for that, never a fixed sleep.
  let left = await processesWithMarker(marker);
  for (let attempt = 0; attempt < 50 && left.length > 0; attempt += 1) {
    await sleep(100);
    left = await processesWithMarker(marker);
  }
  assert.deepEqual(left, [], 'every process the run started has ended');
  return run;
}
