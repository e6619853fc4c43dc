import { fetch } from 'undici';
import { REQUEST_IDENTITY_HEADER } from '../batch-identity.ts';
import { readResponseBody, requestInit, type TransportFactory } from './transport.ts';
import { createAgent } from './undici-agent.ts';

const EMPTY: AsyncIterable<Uint8Array> = (async function* () {})();

/** WHATWG fetch over the same Agent settings: shows what the fetch layer costs over undici.request. */
export const createFetchTransport: TransportFactory = (options) => {
  const agent = createAgent(options);
  const init = requestInit(options);
  const custom = options.request !== undefined;
  return {
    async send(path, identity) {
      const response = await fetch(
        options.origin + path,
        custom
          ? { dispatcher: agent, ...init, body: init.body ?? null }
          : identity === undefined
            ? { dispatcher: agent }
            : { dispatcher: agent, headers: { [REQUEST_IDENTITY_HEADER]: identity } },
      );
      const { bytes, body } = await readResponseBody(response.body ?? EMPTY, () => response.text(), options.readBody);
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
