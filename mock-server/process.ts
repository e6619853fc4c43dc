import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { FromMockServer, ToMockServer } from './messages.ts';
import type { ServerProfile } from './profile.ts';
import type { ServerStatsSnapshot } from './stats.ts';
import type { RequestRecordSnapshot } from './request-record.ts';
import { stopChild, trackChild } from '../common/child-processes.ts';
import { waitForMessage } from '../common/ipc.ts';

export interface MockServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Settles when the process ends, for whatever reason (a signal, a crash, stop()), with how it ended. */
  readonly exited: Promise<string>;
  /** `exited with SIGKILL` once the process has ended, else undefined. */
  exitReason(): string | undefined;
  stats(): Promise<ServerStatsSnapshot>;
  resetStats(): Promise<void>;
  /** GET /__requests: what the server answered since the last reset (profile `recordRequests`). */
  requests(): Promise<RequestRecordSnapshot>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./process-main.js', import.meta.url));
const READY_TIMEOUT_MS = 15_000;

/** Starts the mock server in its own process (its own event loop) and waits for its ready message. */
export async function startMockServerProcess(
  profile: ServerProfile,
  listen: { host?: string; port?: number } = {},
): Promise<MockServerProcess> {
  const child = trackChild(fork(ENTRY, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  let exitReason: string | undefined;
  // Watched from the start: a server that dies mid-run must be named, not discovered as ECONNREFUSED.
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      exitReason = signal ? `exited with ${signal}` : `exited with code ${String(code)}`;
      resolve(exitReason);
    }),
  );
  let url: string;
  try {
    await waitForMessage<FromMockServer, true>(child, (m) => (m.type === 'listening' ? true : undefined), 'mock server', READY_TIMEOUT_MS);
    const start: ToMockServer = { type: 'start', profile, host: listen.host ?? '127.0.0.1', port: listen.port ?? 0 };
    const ready = waitForMessage<FromMockServer, string>(child, acceptReady, 'mock server', READY_TIMEOUT_MS);
    child.send(start);
    url = await ready;
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url,
    pid: child.pid ?? -1,
    exited,
    exitReason: () => exitReason,
    stats: async () => {
      const { body } = await request(`${url}/__stats`);
      return (await body.json()) as ServerStatsSnapshot;
    },
    resetStats: async () => {
      const { body } = await request(`${url}/__reset`, { method: 'POST' });
      await body.dump();
    },
    requests: async () => {
      const { body } = await request(`${url}/__requests`);
      return (await body.json()) as RequestRecordSnapshot;
    },
    stop: () => stopChild(child),
  };
}

function acceptReady(message: FromMockServer): string | undefined {
  if (message.type === 'ready') return message.url;
  if (message.type === 'failed') throw new Error(`mock server could not start: ${message.code} ${message.message}`);
  return undefined;
}
