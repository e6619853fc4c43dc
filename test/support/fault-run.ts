import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadResultsFile } from '../../results/load.ts';
import type { ResultsFile, RunnerResult } from '../../results/types.ts';
import { processesWithMarker } from './processes.ts';
import { runCli, type CliRun } from './run-cli.ts';

export interface FaultRun extends CliRun {
  readonly marker: string;
}

export interface FaultOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Called with all stderr so far and the main process, e.g. to inject a fault once a level starts. */
  readonly onStderr?: (text: string, child: ChildProcess, marker: string) => void;
}

/** Runs a compiled entry script with an environment marker every process it starts inherits. */
export async function runWithMarker(script: string, args: readonly string[], options: FaultOptions = {}): Promise<FaultRun> {
  const marker = `CB_TEST_RUN_${randomUUID().replace(/-/g, '')}`;
  const run = await runCli(script, args, {
    timeoutMs: options.timeoutMs ?? 60_000,
    env: { ...process.env, ...options.env, [marker]: '1' },
    onStderr: (text, child) => options.onStderr?.(text, child, marker),
  });
  return { ...run, marker };
}

/** Asserts that no process of the run is left (children leave when their parent's channel closes). */
export async function assertNoProcessLeft(run: FaultRun): Promise<void> {
  let left: number[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    left = await processesWithMarker(run.marker);
    if (left.length === 0) return;
    await sleep(100);
  }
  assert.deepEqual(left, [], 'every process the run started has ended');
}

/** Pids of the run's processes whose command line names `script` (e.g. `child-entry.js`). */
export async function pidsRunning(marker: string, script: string): Promise<number[]> {
  const pids: number[] = [];
  for (const pid of await processesWithMarker(marker)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(script)) pids.push(pid);
  }
  return pids;
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** results.json read through the contract's own loader: it must be valid, whatever happened to the run. */
export function loadJournal(dir: string): Promise<ResultsFile> {
  return loadResultsFile(path.join(dir, 'results.json'));
}

export function states(results: ResultsFile): string[] {
  return results.scenarios.flatMap((scenario) => scenario.results.map((result: RunnerResult) => `${result.concurrency}:${result.state}`));
}

/** Fires `inject` once, the first time stderr shows the progress line of level `n` (1-based). */
export function atLevel(n: number, inject: (child: ChildProcess, marker: string) => void | Promise<void>) {
  let fired = false;
  return (text: string, child: ChildProcess, marker: string): void => {
    if (fired || !new RegExp(`\\(${n}/\\d+\\)`).test(text)) return;
    fired = true;
    void inject(child, marker);
  };
}
