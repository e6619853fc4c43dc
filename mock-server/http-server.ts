import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Behaviour } from './behaviour.ts';
import { jsonBody } from './payload.ts';
import type { ServerProfile } from './profile.ts';
import { ServerStats } from './stats.ts';

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const STATS_PATH = '/__stats';
const RESET_PATH = '/__reset';

/** The node:http adapter: real sockets, keep-alive, the shared behaviour model. */
export async function startHttpServer(profile: ServerProfile, listen: ListenOptions): Promise<RunningServer> {
  const behaviour = new Behaviour(profile);
  const stats = new ServerStats();

  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    if (url.pathname === STATS_PATH) return sendJson(res, 200, stats.snapshot());
    if (url.pathname === RESET_PATH && req.method === 'POST') {
      stats.reset();
      return sendJson(res, 200, stats.snapshot());
    }
    serveMock(req, res, behaviour.decide({ path: url.pathname, query: url.searchParams }), stats);
  });
  server.headersTimeout = 0;
  server.maxRequestsPerSocket = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function serveMock(
  req: IncomingMessage,
  res: ServerResponse,
  decision: ReturnType<Behaviour['decide']>,
  stats: ServerStats,
): void {
  stats.begin();
  let answered = false;
  // In flight ends when the answer is written, not when the socket flushes: the client may already be
  // sending its next request, and counting both would overstate what the client has in flight.
  const timer = setTimeout(() => {
    answered = true;
    stats.end(decision.status);
    const body = jsonBody(decision.bodyBytes);
    res.writeHead(decision.status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  }, decision.latencyMs);
  res.once('close', () => {
    if (answered) return;
    clearTimeout(timer);
    stats.end(undefined);
  });
  req.resume();
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
