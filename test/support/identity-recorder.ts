import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { parseRequestIdentity, REQUEST_IDENTITY_HEADER, type RequestIdentity } from '../../common/request-identity.ts';

export interface IdentityRecorder {
  readonly url: string;
  /** Identities received since the last reset, in arrival order (undefined: no or an unreadable header). */
  readonly seen: (RequestIdentity | undefined)[];
  reset(): void;
}

/**
 * A tiny real HTTP server that answers every request after `latencyMs` and records its identity header, so tests
 * can check which requests were sent, how often and with which attempt number. `/fail/<n>`: 500 below attempt n.
 */
export function useIdentityRecorder(latencyMs: number): () => IdentityRecorder {
  let server: Server | undefined;
  const recorder = { url: '', seen: [] as (RequestIdentity | undefined)[], reset: () => void recorder.seen.splice(0) };
  before(async () => {
    server = createServer((req, res) => {
      const identity = parseRequestIdentity(req.headers[REQUEST_IDENTITY_HEADER] as string | undefined);
      recorder.seen.push(identity);
      // /fail/<n>: 500 for attempts below n, so tests can watch the attempt number grow.
      const failBelow = /^\/fail\/(\d+)/.exec(req.url ?? '')?.[1];
      const status = failBelow !== undefined && (identity?.attempt ?? 0) < Number(failBelow) ? 500 : 200;
      setTimeout(() => {
        res.statusCode = status;
        res.end('{"ok":true}');
      }, latencyMs);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });
  return () => recorder;
}
