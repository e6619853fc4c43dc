import { request } from 'undici';
import { headerValue, readResponseBody, requestInit, type TransportFactory } from './transport.ts';
import { createAgent } from './undici-agent.ts';

/** undici.request: the leanest client Node has, and the default. */
export const createUndiciTransport: TransportFactory = (options) => {
  const agent = createAgent(options);
  const init = requestInit(options);
  return {
    async send(path) {
      const response = await request(options.origin + path, { dispatcher: agent, ...init, body: init.body ?? null });
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
