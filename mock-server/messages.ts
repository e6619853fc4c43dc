import type { ServerProfile } from './profile.ts';

/** IPC between the harness and the mock-server child process. */
export type ToMockServer = { readonly type: 'start'; readonly profile: ServerProfile; readonly host: string; readonly port: number };

export type FromMockServer =
  | { readonly type: 'listening' }
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'failed'; readonly code: string; readonly message: string };
