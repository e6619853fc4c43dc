import { Piscina } from 'piscina';
import { mergeOutcomes, type BatchOutcome } from './outcome.ts';
import { sharedCounter } from './index-source.ts';
import { withSummedTraces } from './limit-trace-wire.ts';
import { laneTasks, workersFor } from './pool-layout.ts';
import type { RunnerFactory } from './types.ts';
import type { ThreadMessage } from './worker-messages.ts';

const WORKER_ENTRY = new URL('./worker-entry.js', import.meta.url).href;

/** A piscina pool of worker threads; requests in flight = threads x lanes per thread, all pulling from one counter. */
export const createWorkerThreadsRunner: RunnerFactory = (options) => {
  let pool: Piscina<ThreadMessage, BatchOutcome | null> | undefined;
  return {
    async start() {
      // One task per thread at a time: each thread runs one share of a batch with its own lanes.
      const started = new Piscina<ThreadMessage, BatchOutcome | null>({
        filename: WORKER_ENTRY,
        execArgv: [],
        minThreads: options.poolSize,
        maxThreads: options.poolSize,
        concurrentTasksPerWorker: 1,
        idleTimeout: Number.POSITIVE_INFINITY,
      });
      // A thread that throws while it holds no task (e.g. while the pool is destroyed after another thread
      // failed) is reported by piscina as an 'error' event: unheard, it would end the whole run. Piscina replaces
      // the thread; a thread that fails a task rejects that task, which fails the level.
      started.on('error', () => {});
      pool = started;
      // Each load task holds its thread briefly, so the tasks spread over the threads and every one loads its modules.
      await Promise.all(Array.from({ length: options.poolSize }, () => started.run(null)));
    },
    async runBatch(batch) {
      if (!pool) throw new Error('worker-threads runner used before start()');
      const running = pool;
      // One counter per batch: every lane of every thread claims the next index from it (Atomics.add).
      const counter = sharedCounter();
      const tasks = laneTasks(batch, workersFor(batch.concurrency, options.poolSize));
      const wires = await Promise.all(tasks.map((task) => running.run({ ...task, counter })));
      const parts = wires.filter((wire) => wire !== null);
      return withSummedTraces(mergeOutcomes(parts), parts);
    },
    // Threads share the main process's memory: there is no separate process to measure.
    workerPids: () => [],
    async stop() {
      await pool?.destroy();
      pool = undefined;
    },
  };
};
