import type { BatchOutcomeWire } from './outcome.ts';
import type { ShareTask } from './job.ts';

export type { ShareTask, WorkerSetup } from './job.ts';

/** Messages to a piscina worker thread: `null` only loads the worker's modules. */
export type WorkerTask = ShareTask | null;

/** Messages between the harness and a forked child process. */
export type ToChild = { readonly type: 'batch'; readonly id: number; readonly task: ShareTask };

export type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcome: BatchOutcomeWire }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string };
