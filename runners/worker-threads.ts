import { Piscina } from 'piscina';
import { fromWire, mergeOutcomes, type BatchOutcomeWire } from './outcome.ts';
import { describeShape, shardPlans, split, workersFor } from './pool-shape.ts';
import type { RunnerFactory } from './types.ts';
import type { WorkerSetup, WorkerTask } from './worker-messages.ts';

const WORKER_ENTRY = new URL('./worker-entry.ts', import.meta.url).href;

/** A piscina pool of worker threads; requests in flight = threads x per-thread concurrency. */
export const createWorkerThreadsRunner: RunnerFactory = (options) => {
  const threads = workersFor(options.concurrency, options.poolSize);
  const setup: WorkerSetup = { origin: options.targetUrl, client: options.client, work: options.work };
  let pool: Piscina<WorkerTask, BatchOutcomeWire | null> | undefined;
  const requirePool = (): Piscina<WorkerTask, BatchOutcomeWire | null> => {
    if (!pool) throw new Error('worker-threads runner used before start()');
    return pool;
  };
  return {
    id: 'worker-threads',
    shape: describeShape('worker-threads', threads, options.concurrency),
    inFlight: options.concurrency,
    workers: threads,
    async start() {
      // One task per worker at a time: each thread runs one share of the batch with its own lanes.
      pool = new Piscina({ filename: WORKER_ENTRY, minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 1, idleTimeout: 60_000 });
      const started = requirePool();
      await Promise.all(split(options.concurrency, threads).map((inFlight) => started.run({ type: 'warm', setup, inFlight })));
    },
    async runBatch(requests) {
      const running = requirePool();
      const plans = shardPlans(requests, options.concurrency, threads, options.path);
      const wires = await Promise.all(plans.map((plan) => running.run({ type: 'batch', setup, plan })));
      return mergeOutcomes(wires.map((wire) => (wire ? fromWire(wire) : undefined)).filter((o) => o !== undefined));
    },
    async stop() {
      await pool?.destroy();
      pool = undefined;
    },
  };
};
