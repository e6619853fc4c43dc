import type { BatchOutcome } from './outcome.ts';
import type { WorkSpec } from './batch.ts';
import type { ClientConfig } from './client-config.ts';

export const RUNNER_IDS = ['sequential', 'promise-concurrent', 'worker-threads', 'child-process'] as const;
export type RunnerId = (typeof RUNNER_IDS)[number];

/** What one batch does: `requests` GETs of `path`, at most `concurrency` in flight. */
export interface BatchPlan {
  readonly requests: number;
  readonly concurrency: number;
  readonly path: string;
}

export interface RunnerOptions {
  readonly targetUrl: string;
  readonly path: string;
  /** Requests in flight across the whole runner. */
  readonly concurrency: number;
  readonly client: ClientConfig;
  /** Worker threads or child processes; ignored by the single-loop runners. */
  readonly poolSize: number;
  readonly work: WorkSpec;
}

/** One concurrency model. start() warms any pool; runBatch() is what gets measured. */
export interface Runner {
  readonly id: RunnerId;
  /** e.g. `worker-threads 2x50`: how the in-flight requests are spread. */
  readonly shape: string;
  /** Requests actually in flight at most (the model may cap it, e.g. sequential is always 1). */
  readonly inFlight: number;
  /** Threads of execution doing the requests and their CPU work: 1 for the main-loop runners, the pool size otherwise. */
  readonly workers: number;
  start(): Promise<void>;
  runBatch(requests: number): Promise<BatchOutcome>;
  stop(): Promise<void>;
}

export type RunnerFactory = (options: RunnerOptions) => Runner;
