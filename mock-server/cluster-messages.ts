import type { ListenOptions } from './http-server.ts';
import type { ResolvedProfile } from './profile.ts';
import type { ServerStatsSnapshot } from './stats.ts';

/** IPC between the cluster primary and its server workers. */
export type ToClusterWorker =
  | { readonly type: 'start'; readonly profile: ResolvedProfile; readonly listen: ListenOptions }
  /** Answer with this worker's own snapshot, resetting it first when asked. */
  | { readonly type: 'snapshot'; readonly id: number; readonly reset: boolean }
  /** The merged figures this worker asked for. */
  | { readonly type: 'stats'; readonly id: number; readonly snapshot: ServerStatsSnapshot };

export type FromClusterWorker =
  /** Loaded and listening for messages (an earlier 'start' would be lost). */
  | { readonly type: 'loaded' }
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | { readonly type: 'snapshot'; readonly id: number; readonly snapshot: ServerStatsSnapshot }
  /** This worker got GET /__stats or POST /__reset: the primary asks every worker and answers. */
  | { readonly type: 'stats'; readonly id: number; readonly reset: boolean };
