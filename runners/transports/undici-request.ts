import { request } from 'undici';
import { REQUEST_IDENTITY_HEADER } from '../batch-identity.ts';
import { headerValue, readResponseBody, requestInit, type TransportFactory } from './transport.ts';
import { createAgent } from './undici-agent.ts';

/** undici.request: the leanest client Node has, and the default. */
export const createUndiciTransport: TransportFactory = (options) => {
  const agent = createAgent(options);
  const init = requestInit(options);
  const custom = options.request !== undefined;
  return {
    async send(path, identity) {
      // A target run sends the user's method, headers and body; a mock-server run only its identity.
      const response = await request(
        options.origin + path,
        custom
          ? { dispatcher: agent, ...init, body: init.body ?? null }
          : identity === undefined
            ? { dispatcher: agent }
            : { dispatcher: agent, headers: { [REQUEST_IDENTITY_HEADER]: identity } },
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
