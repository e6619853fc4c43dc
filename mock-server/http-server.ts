import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveServerProfile, type ResolvedProfile, type ServerProfile } from './profile.ts';
import { MockService, type ResponseHeaders, type ResponseSink } from './service.ts';
import type { ServerStatsSnapshot } from './stats.ts';
import { parseRequestIdentity, REQUEST_IDENTITY_HEADER } from '../common/request-identity.ts';

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Where /__stats and /__reset get their figures: this process, or (in a cluster worker) all workers. */
export interface StatsControl {
  snapshot(): Promise<ServerStatsSnapshot>;
  reset(): Promise<void>;
}

const STATS_PATH = '/__stats';
const RESET_PATH = '/__reset';
const REQUESTS_PATH = '/__requests';
const NO_QUERY = new URLSearchParams();
const IDENTITY_HEADER_LENGTH = REQUEST_IDENTITY_HEADER.length;

/** The node:http adapter: real sockets, keep-alive, the shared request flow (MockService). */
export async function startHttpServer(
  profile: ServerProfile | ResolvedProfile,
  listen: ListenOptions,
  control?: StatsControl,
): Promise<RunningServer & { readonly service: MockService }> {
  const service = new MockService('latency' in profile ? profile : resolveServerProfile(profile));
  const stats: StatsControl = control ?? {
    snapshot: async () => service.stats(),
    reset: async () => service.resetStats(),
  };

  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (path === REQUESTS_PATH) return void sendJson(res, 200, service.requests());
    if (path === STATS_PATH) return void stats.snapshot().then((snapshot) => sendJson(res, 200, snapshot));
    if (path === RESET_PATH && req.method === 'POST') {
      return void stats.reset().then(() => stats.snapshot().then((snapshot) => sendJson(res, 200, snapshot)));
    }
    const query = queryAt < 0 ? NO_QUERY : new URLSearchParams(url.slice(queryAt + 1));
    const exchange = service.handle(
      { path, query, identity: parseRequestIdentity(identityHeader(req.rawHeaders)) },
      new NodeSink(req, res),
    );
    // A close before the answer is complete (client timeout, abort, a stall given up) frees the slot.
    if (!exchange.done) res.once('close', () => exchange.clientGone());
    req.resume();
  });
  server.headersTimeout = 0;
  server.maxRequestsPerSocket = 0;

  await service.ready;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    service,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await service.close();
    },
  };
}

class NodeSink implements ResponseSink {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;

  constructor(req: IncomingMessage, res: ServerResponse) {
    this.#req = req;
    this.#res = res;
  }

  head(status: number, headers: ResponseHeaders): void {
    this.#res.writeHead(status, headers);
  }

  flush(): void {
    this.#res.flushHeaders();
  }

  write(chunk: Buffer): void {
    this.#res.write(chunk);
  }

  end(chunk?: Buffer | string): void {
    if (typeof chunk === 'string') this.#res.end(chunk, 'latin1');
    else this.#res.end(chunk);
  }

  reset(): void {
    this.#req.socket.resetAndDestroy();
  }
}

/** The identity header from the raw list: `req.headers` would build an object of every header per request. */
function identityHeader(raw: readonly string[]): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === IDENTITY_HEADER_LENGTH && (name === REQUEST_IDENTITY_HEADER || name.toLowerCase() === REQUEST_IDENTITY_HEADER)) {
      return raw[i + 1];
    }
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
