import { http, HttpResponse, type RequestHandler } from 'msw';
import { resolveServerProfile, type ServerProfile } from './profile.ts';
import { MockService, type ResponseSink } from './service.ts';
import type { ServerStatsSnapshot } from './stats.ts';
import type { RequestRecordSnapshot } from './request-record.ts';
import { parseRequestIdentity, REQUEST_IDENTITY_HEADER } from '../common/request-identity.ts';

export interface MockHandlers {
  /** Pass to msw's setupServer(...handlers). */
  readonly handlers: readonly RequestHandler[];
  stats(): ServerStatsSnapshot;
  resetStats(): void;
  requests(): RequestRecordSnapshot;
  close(): Promise<void>;
}

/** Set on every answer of this adapter, so a client (or a test) can tell an intercepted answer from a real one. */
export const MSW_ADAPTER_HEADER = 'x-mock-adapter';

/**
 * The msw adapter: the same request flow as the node:http adapter, as msw request handlers for `origin`,
 * with no socket. msw intercepts global fetch and node:http/https; it does not see undici's own
 * request()/Agent (a dispatcher), so the runners, which use an undici Agent, talk to the real server.
 */
export function createMockHandlers(profile: ServerProfile, origin: string): MockHandlers {
  const service = new MockService(resolveServerProfile(profile));
  const base = origin.replace(/\/$/, '');
  const handlers = [
    http.get(`${base}/__stats`, () => HttpResponse.json(service.stats())),
    http.post(`${base}/__reset`, () => {
      service.resetStats();
      return HttpResponse.json(service.stats());
    }),
    http.get(`${base}/__requests`, () => HttpResponse.json(service.requests())),
    http.all(`${base}/*`, ({ request }) => answer(service, request)),
  ];
  return {
    handlers,
    stats: () => service.stats(),
    resetStats: () => service.resetStats(),
    requests: () => service.requests(),
    close: () => service.close(),
  };
}

function answer(service: MockService, request: Request): Promise<Response> {
  const url = new URL(request.url);
  return new Promise<Response>((resolve) => {
    let body: ReadableStreamDefaultController<Uint8Array> | undefined;
    const sink: ResponseSink = {
      head: (status, headers) => {
        const stream = new ReadableStream<Uint8Array>({
          start: (controller) => {
            body = controller;
          },
        });
        resolve(new HttpResponse(stream, { status, headers: { ...headers, [MSW_ADAPTER_HEADER]: 'msw' } }));
      },
      flush: () => {},
      write: (chunk) => body?.enqueue(new Uint8Array(chunk)),
      end: (chunk) => {
        if (chunk && chunk.length > 0) body?.enqueue(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : new Uint8Array(chunk));
        body?.close();
      },
      // Without a socket, the nearest thing to a reset is a network error (fetch rejects with a TypeError).
      reset: () => (body ? body.error(new Error('connection reset by mock server')) : resolve(HttpResponse.error())),
    };
    const identity = parseRequestIdentity(request.headers.get(REQUEST_IDENTITY_HEADER) ?? undefined);
    const exchange = service.handle({ path: url.pathname, query: url.searchParams, identity }, sink);
    request.signal.addEventListener(
      'abort',
      () => {
        exchange.clientGone();
        if (!body) resolve(HttpResponse.error());
      },
      { once: true },
    );
  });
}
