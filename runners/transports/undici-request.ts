import { request } from 'undici';
import { REQUEST_IDENTITY_HEADER } from '../batch-identity.ts';
import { headerValue, readResponseBody, type TransportFactory } from './transport.ts';
import { createAgent } from './undici-agent.ts';

/** undici.request: the leanest client Node has, and the default. */
export const createUndiciTransport: TransportFactory = (options) => {
  const agent = createAgent(options);
  return {
    async send(path, identity) {
      const response = await request(
        options.origin + path,
        identity === undefined ? { dispatcher: agent } : { dispatcher: agent, headers: { [REQUEST_IDENTITY_HEADER]: identity } },
      );
      const { bytes, body } = await readResponseBody(response.body, () => response.body.text(), options.readBody);
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
