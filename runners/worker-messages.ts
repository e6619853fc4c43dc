import type { WorkSpec } from './batch.ts';
import type { ClientConfig } from './client-config.ts';
import type { BatchOutcomeWire } from './outcome.ts';
import type { BatchPlan } from './types.ts';

/** Where a worker (thread, process or the main loop) sends its requests, with which client, and what work it does. */
export interface WorkerSetup {
  readonly origin: string;
  readonly client: ClientConfig;
  readonly work: WorkSpec;
}

/** One worker's share of a batch, as it crosses a thread or process boundary. */
export interface ShareTask {
  readonly setup: WorkerSetup;
  readonly plan: BatchPlan;
}

/** Messages to a piscina worker thread: `null` only loads the worker's modules. */
export type WorkerTask = ShareTask | null;

/** Messages between the harness and a forked child process. */
export type ToChild = { readonly type: 'batch'; readonly id: number; readonly task: ShareTask };

export type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcome: BatchOutcomeWire }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string };
