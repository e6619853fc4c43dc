import { request } from 'undici';
import { BodyPhaseError } from '../error-kind.ts';
import { headerValue, type TransportFactory } from './transport.ts';
import { createAgent } from './undici-agent.ts';

/** undici.request: the leanest client Node has, and the default. */
export const createUndiciTransport: TransportFactory = (options) => {
  const agent = createAgent(options);
  return {
    async send(path) {
      const response = await request(options.origin + path, { dispatcher: agent });
      let bytes = 0;
      let body: string | undefined;
      try {
        if (options.readBody) {
          body = await response.body.text();
          bytes = Buffer.byteLength(body);
        } else {
          for await (const chunk of response.body) bytes += (chunk as Buffer).length;
        }
      } catch (error: unknown) {
        throw new BodyPhaseError(error);
      }
      return {
        status: response.statusCode,
        bytes,
        body,
        retryAfter: headerValue(response.headers['retry-after']),
        serverTiming: headerValue(response.headers['server-timing']),
      };
    },
    close: () => agent.close(),
  };
};
