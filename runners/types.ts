import type { BatchOutcome } from './outcome.ts';
import type { Batch } from './batch-spec.ts';

export type { Batch } from './batch-spec.ts';

/** A registered runner's id (runners/registry.ts); validated at the edges, so a string past them is a known runner. */
export type RunnerId = string;

export interface RunnerOptions {
  /** Worker threads or child processes; ignored by the single-loop runners. */
  readonly poolSize: number;
}

/** How a runner spreads a concurrency level. */
export interface RunnerLayout {
  /** e.g. `worker-threads 2x50`. */
  readonly label: string;
  /** Requests actually in flight at most (sequential is always 1). */
  readonly inFlight: number;
  /** Threads of execution doing the requests and their CPU work: 1 for the main-loop runners. */
  readonly workers: number;
  /** Requests in flight per worker (the largest share when the split is uneven). */
  readonly lanes: number;
}

/**
 * One concurrency model, as it runs inside its model host (runners/host/node-host.ts): start() brings up any pool
 * once (timed apart from the measurement as the host's start-up); the pool then serves every level of the
 * scenario, as a long-lived pool in an application would.
 */
export interface Runner {
  start(): Promise<void>;
  runBatch(batch: Batch): Promise<BatchOutcome>;
  /** Pids of the processes this model runs its requests in, besides the host (child-process only). */
  workerPids(): readonly number[];
  stop(): Promise<void>;
}

export type RunnerFactory = (options: RunnerOptions) => Runner;
