import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from '../common/child-processes.ts';
import { waitForMessage } from '../common/ipc.ts';
import { chunkPolicy, type IndexChunk } from './chunk-source.ts';
import type { BatchOutcome } from './outcome.ts';
import type { FromChild, Share, ToChild } from './worker-messages.ts';

const ENTRY = fileURLToPath(new URL('./child-entry.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
// A batch may legitimately take long (slow servers, big N); the bound only keeps a broken child from hanging us.
const BATCH_TIMEOUT_MS = 60 * 60_000;

/** The batch's indices, handed out in order to whichever child asks first. */
class IndexDealer {
  #next = 0;
  readonly #requests: number;

  constructor(requests: number) {
    this.#requests = requests;
  }

  /**
   * Guided self-scheduling: a share of what is left (a quarter of each child's share) while much is left, never
   * less than `minimum`. Early chunks are large, so a batch costs few IPC round trips (one per half a child's lanes
   * cost ~20% of child-process throughput at 0 ms); late ones shrink, so no child is left with more than a small
   * chunk when the others run dry.
   */
  takeGuided(minimum: number, children: number): IndexChunk {
    return this.take(Math.max(minimum, Math.ceil((this.#requests - this.#next) / (4 * Math.max(1, children)))));
  }

  take(count: number): IndexChunk {
    const from = this.#next;
    const taken = Math.max(0, Math.min(count, this.#requests - from));
    this.#next += taken;
    return { from, count: taken };
  }
}

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

  /**
   * Runs tasks[i] on child i, all at once, and returns their outcomes. The children pull the batch's indices:
   * each starts with one per lane and asks for small chunks as its queue runs low (chunk-source.ts).
   */
  runAll(tasks: readonly Share[]): Promise<BatchOutcome[]> {
    const dealer = new IndexDealer(tasks[0]?.plan.requests ?? 0);
    return Promise.all(
      tasks.map((task, index) => {
        const child = this.#children[index];
        if (!child) throw new Error(`child pool has no child ${index}`);
        // A dead child's channel is closed: sending would emit an unhandled ERR_IPC_CHANNEL_CLOSED, and its
        // 'exit' has already fired, so an answer would never come.
        if (!child.connected) return Promise.reject(new Error(`child process ${child.pid ?? '?'} is not running (${exitOf(child)})`));
        const id = this.#nextId++;
        const { chunk } = chunkPolicy(task.plan.concurrency);
        const done = waitForMessage<FromChild, BatchOutcome>(
          child,
          (m) => {
            if (m.type === 'more' && m.id === id) {
              const answer: ToChild = { type: 'indices', id, chunk: dealer.takeGuided(chunk, tasks.length) };
              child.send(answer);
              return undefined;
            }
            if (m.type === 'done' && m.id === id) return m.outcome;
            if (m.type === 'failed' && m.id === id) throw new Error(`child runner ${m.code}: ${m.message}`);
            return undefined;
          },
          `child process ${child.pid ?? '?'}`,
          BATCH_TIMEOUT_MS,
        );
        const message: ToChild = { type: 'batch', id, task, first: dealer.take(task.plan.concurrency) };
        const sendFailed = new Promise<never>((_, reject) =>
          child.send(message, (error) => {
            if (error) reject(new Error(`child process ${child.pid ?? '?'}: ${error.message}`));
          }),
        );
        return Promise.race([done, sendFailed]);
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

function exitOf(child: ChildProcess): string {
  if (child.signalCode) return `exited with ${child.signalCode}`;
  return child.exitCode === null ? 'its IPC channel is closed' : `exited with code ${child.exitCode}`;
}
