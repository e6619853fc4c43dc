import { ChildPool } from './child-pool.ts';
import { withSummedTraces } from './limit-trace-wire.ts';
import { mergeOutcomes } from './outcome.ts';
import { laneTasks, workersFor } from './pool-layout.ts';
import type { RunnerFactory } from './types.ts';

/** A pool of forked Node processes; requests in flight = processes x lanes per process, indices pulled in small chunks. */
export const createChildProcessRunner: RunnerFactory = (options) => {
  const pool = new ChildPool();
  return {
    start: () => pool.start(options.poolSize),
    async runBatch(batch) {
      const parts = await pool.runAll(laneTasks(batch, workersFor(batch.concurrency, options.poolSize)));
      return withSummedTraces(mergeOutcomes(parts), parts);
    },
    workerPids: () => pool.pids(),
    stop: () => pool.stop(),
  };
};
