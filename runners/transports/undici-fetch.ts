import { fetch } from 'undici';
import { BodyPhaseError } from '../error-kind.ts';
import type { TransportFactory } from './transport.ts';
import { createAgent } from './undici-agent.ts';

/** WHATWG fetch over the same Agent settings: shows what the fetch layer costs over undici.request. */
export const createFetchTransport: TransportFactory = (options) => {
  const agent = createAgent(options);
  return {
    async send(path) {
      const response = await fetch(options.origin + path, { dispatcher: agent });
      let bytes = 0;
      let body: string | undefined;
      try {
        if (options.readBody) {
          body = await response.text();
          bytes = Buffer.byteLength(body);
        } else if (response.body) {
          for await (const chunk of response.body) bytes += chunk.byteLength;
        }
      } catch (error: unknown) {
        throw new BodyPhaseError(error);
      }
      return {
        status: response.status,
        bytes,
        body,
        retryAfter: response.headers.get('retry-after') ?? undefined,
        serverTiming: response.headers.get('server-timing') ?? undefined,
      };
    },
    close: () => agent.close(),
  };
};
