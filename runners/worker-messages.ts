import type { IndexChunk } from './chunk-source.ts';
import type { BatchOutcome } from './outcome.ts';
import type { Share } from './batch-spec.ts';
export type { Share, BatchSetup } from './batch-spec.ts';

/** A piscina task: this thread's lanes, pulling from the batch's counter in shared memory. */
interface ThreadShare extends Share {
  readonly counter: Int32Array;
}

/** Messages to a piscina worker thread: `null` only loads the worker's modules. */
export type ThreadMessage = ThreadShare | null;

/**
 * Messages between the harness and a forked child process. A batch comes with its first chunk of indices;
 * the child asks for more (`more`) and gets `indices` (count 0: the batch has none left).
 */
export type ToChild =
  | { readonly type: 'batch'; readonly id: number; readonly task: Share; readonly first: IndexChunk }
  | { readonly type: 'indices'; readonly id: number; readonly chunk: IndexChunk };

export type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'more'; readonly id: number }
  | { readonly type: 'done'; readonly id: number; readonly outcome: BatchOutcome }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string };
