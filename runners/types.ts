import type { BatchOutcome } from './outcome.ts';
import type { BatchJob } from './job.ts';

export type { BatchJob, BatchPlan } from './job.ts';

export const RUNNER_IDS = ['sequential', 'promise-concurrent', 'worker-threads', 'child-process'] as const;
export type RunnerId = (typeof RUNNER_IDS)[number];

export interface RunnerOptions {
  /** Worker threads or child processes; ignored by the single-loop runners. */
  readonly poolSize: number;
}

/** How a runner spreads a concurrency level. */
export interface RunnerLayout {
  /** e.g. `worker-threads 2x50`. */
  readonly shape: string;
  /** Requests actually in flight at most (sequential is always 1). */
  readonly inFlight: number;
  /** Threads of execution doing the requests and their CPU work: 1 for the main-loop runners. */
  readonly workers: number;
}

/**
 * One concurrency model. start() brings up any pool once (timed apart from the measurement); the pool then
 * serves every scenario and level of the run, as a long-lived pool in an application would.
 */
export interface Runner {
  readonly id: RunnerId;
  layout(concurrency: number): RunnerLayout;
  start(): Promise<void>;
  runBatch(job: BatchJob): Promise<BatchOutcome>;
  /** Pids of the processes this model runs its requests in, besides the main one (child-process only). */
  workerPids(): readonly number[];
  stop(): Promise<void>;
}

export type RunnerFactory = (options: RunnerOptions) => Runner;
