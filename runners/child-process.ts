import { ChildPool } from './child-pool.ts';
import { mergeOutcomes } from './outcome.ts';
import { describeShape, shardPlans, split, workersFor } from './pool-shape.ts';
import type { RunnerFactory } from './types.ts';

/** A pool of forked Node processes; requests in flight = processes x per-process concurrency. */
export const createChildProcessRunner: RunnerFactory = (options) => {
  const processes = workersFor(options.concurrency, options.poolSize);
  const pool = new ChildPool();
  return {
    id: 'child-process',
    shape: describeShape('child-process', processes, options.concurrency),
    inFlight: options.concurrency,
    workers: processes,
    start: () =>
      pool.start(processes, { origin: options.targetUrl, client: options.client, work: options.work }, split(options.concurrency, processes)),
    async runBatch(requests) {
      return mergeOutcomes(await pool.runAll(shardPlans(requests, options.concurrency, processes, options.path)));
    },
    stop: () => pool.stop(),
  };
};
