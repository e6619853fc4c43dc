import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';

/**
 * A tiny real HTTP server with one route per client-side situation, for testing how the client classifies
 * and retries. (The mock server covers realistic workloads; this one scripts exact failures.)
 *   /ok  /stall  /reset  /status/<code>  /short-body  /retry-after/<key>/<failures>/<seconds>
 */
export function useScriptedServer(): () => { url: string; hits: (key: string) => number } {
  let server: Server | undefined;
  let url = '';
  const hits = new Map<string, number>();
  before(async () => {
    server = createServer((req, res) => {
      const parts = (req.url ?? '/').split('/').filter(Boolean);
      const [route, a, b, c] = parts;
      switch (route) {
        case 'ok':
          res.end('{"ok":true}');
          return;
        case 'stall':
          return; // never answers; the client's timeout must end it
        case 'reset':
          req.socket.destroy();
          return;
        case 'status':
          res.writeHead(Number(a));
          res.end('status');
          return;
        case 'short-body':
          res.writeHead(200, { 'content-length': '100' });
          res.write('only ten b');
          setTimeout(() => req.socket.destroy(), 20);
          return;
        case 'retry-after': {
          const key = a ?? '';
          const count = (hits.get(key) ?? 0) + 1;
          hits.set(key, count);
          if (count <= Number(b)) {
            res.writeHead(429, { 'retry-after': c ?? '0' });
            res.end('slow down');
          } else res.end('{"ok":true}');
          return;
        }
        default:
          res.writeHead(404);
          res.end();
      }
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });
  return () => ({ url, hits: (key) => hits.get(key) ?? 0 });
}

/** A port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
