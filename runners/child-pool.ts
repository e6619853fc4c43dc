import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from '../common/child-processes.ts';
import { waitForMessage } from '../common/ipc.ts';
import { fromWire, type BatchOutcome } from './outcome.ts';
import type { FromChild, ShareTask, ToChild } from './worker-messages.ts';

const ENTRY = fileURLToPath(new URL('./child-entry.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
// A batch may legitimately take long (slow servers, big N); the bound only keeps a broken child from hanging us.
const BATCH_TIMEOUT_MS = 60 * 60_000;

/** A fixed set of forked Node processes, each with its own event loop and clients, driven over typed IPC. */
export class ChildPool {
  readonly #children: ChildProcess[] = [];
  #nextId = 0;

  async start(size: number): Promise<void> {
    const started = Array.from({ length: size }, () =>
      trackChild(fork(ENTRY, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' })),
    );
    this.#children.push(...started);
    await Promise.all(
      started.map((child) =>
        waitForMessage<FromChild, true>(child, (m) => (m.type === 'ready' ? true : undefined), 'child runner', START_TIMEOUT_MS),
      ),
    );
  }

  /** Runs tasks[i] on child i, all at once, and returns their outcomes. */
  runAll(tasks: readonly ShareTask[]): Promise<BatchOutcome[]> {
    return Promise.all(
      tasks.map((task, index) => {
        const child = this.#children[index];
        if (!child) throw new Error(`child pool has no child ${index}`);
        const id = this.#nextId++;
        const done = waitForMessage<FromChild, BatchOutcome>(
          child,
          (m) => {
            if (m.type === 'done' && m.id === id) return fromWire(m.outcome);
            if (m.type === 'failed' && m.id === id) throw new Error(`child runner ${m.code}: ${m.message}`);
            return undefined;
          },
          'child runner batch',
          BATCH_TIMEOUT_MS,
        );
        const message: ToChild = { type: 'batch', id, task };
        child.send(message);
        return done;
      }),
    );
  }

  pids(): number[] {
    return this.#children.map((child) => child.pid ?? -1).filter((pid) => pid > 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.#children.splice(0).map(stopChild));
  }
}
