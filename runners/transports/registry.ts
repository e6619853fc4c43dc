import type { ClientKind } from '../client-config.ts';
import { createNodeHttpTransport } from './node-http.ts';
import type { TransportFactory } from './transport.ts';
import { createFetchTransport } from './undici-fetch.ts';
import { createUndiciTransport } from './undici-request.ts';

export const transports: Readonly<Record<ClientKind, TransportFactory>> = {
  undici: createUndiciTransport,
  fetch: createFetchTransport,
  'node-http': createNodeHttpTransport,
};
