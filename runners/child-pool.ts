import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from '../harness/child-processes.ts';
import { waitForMessage } from '../harness/ipc.ts';
import { fromWire, type BatchOutcome } from './outcome.ts';
import type { BatchPlan } from './types.ts';
import type { FromChild, ToChild, WorkerSetup } from './worker-messages.ts';

const ENTRY = fileURLToPath(new URL('./child-entry.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
// A batch may legitimately take long (slow servers, big N); the bound only keeps a broken child from hanging us.
const BATCH_TIMEOUT_MS = 60 * 60_000;

/** A fixed set of forked Node processes, each with its own event loop and client, driven over typed IPC. */
export class ChildPool {
  readonly #children: ChildProcess[] = [];
  #nextId = 0;

  async start(size: number, setup: WorkerSetup, inFlight: readonly number[]): Promise<void> {
    for (let index = 0; index < size; index += 1) {
      this.#children.push(trackChild(fork(ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' })));
    }
    await Promise.all(
      this.#children.map(async (child, index) => {
        await waitForMessage<FromChild, true>(child, (m) => (m.type === 'listening' ? true : undefined), 'child runner', START_TIMEOUT_MS);
        const ready = waitForMessage<FromChild, true>(child, (m) => (m.type === 'ready' ? true : undefined), 'child runner', START_TIMEOUT_MS);
        send(child, { type: 'setup', setup, inFlight: inFlight[index] ?? 1 });
        await ready;
      }),
    );
  }

  /** Runs plans[i] on child i, all at once, and returns their outcomes. */
  runAll(plans: readonly BatchPlan[]): Promise<BatchOutcome[]> {
    return Promise.all(
      plans.map((plan, index) => {
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
        send(child, { type: 'batch', id, plan });
        return done;
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.#children.splice(0).map(stopChild));
  }
}

function send(child: ChildProcess, message: ToChild): void {
  child.send(message);
}
