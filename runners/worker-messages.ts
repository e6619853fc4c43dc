import type { WorkSpec } from './batch.ts';
import type { ClientConfig } from './client-config.ts';
import type { BatchOutcomeWire } from './outcome.ts';
import type { BatchPlan } from './types.ts';

/** Where a pool worker (thread or process) sends its requests, with which client, and what work it does. */
export interface WorkerSetup {
  readonly origin: string;
  readonly client: ClientConfig;
  readonly work: WorkSpec;
}

/** Messages to a piscina worker thread. */
export type WorkerTask =
  | { readonly type: 'warm'; readonly setup: WorkerSetup; readonly inFlight: number }
  | { readonly type: 'batch'; readonly setup: WorkerSetup; readonly plan: BatchPlan };

/** Messages between the harness and a forked child process. */
export type ToChild =
  | { readonly type: 'setup'; readonly setup: WorkerSetup; readonly inFlight: number }
  | { readonly type: 'batch'; readonly id: number; readonly plan: BatchPlan };

export type FromChild =
  | { readonly type: 'listening' }
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcome: BatchOutcomeWire }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string };
