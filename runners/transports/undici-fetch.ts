import { fetch, type Agent } from 'undici';
import { REQUEST_IDENTITY_HEADER } from '../batch-identity.ts';
import { readResponseBody, requestInit, type TransportFactory, urlBuilder, withIdentity } from './transport.ts';
import { createAgentShards } from './undici-agent.ts';

const EMPTY: AsyncIterable<Uint8Array> = (async function* () {})();

/** WHATWG fetch over the same Agent settings: shows what the fetch layer costs over undici.request. */
export const createFetchTransport: TransportFactory = (options) => {
  const shards = createAgentShards(options);
  const init = requestInit(options);
  const custom = options.request !== undefined;
  const urlOf = urlBuilder(options.origin);
  return {
    async send(path, identity) {
      const shard = shards.take();
      const dispatcher = shards.agents[shard] as Agent;
      try {
        const response = await fetch(
          urlOf(path),
          custom
            ? { dispatcher, ...init, headers: withIdentity(init.headers, identity), body: init.body ?? null }
            : identity === undefined
              ? { dispatcher }
              : { dispatcher, headers: { [REQUEST_IDENTITY_HEADER]: identity } },
        );
        const { bytes, body } = await readResponseBody(response.body ?? EMPTY, () => response.text(), options.readBody);
        return {
          status: response.status,
          bytes,
          body,
          retryAfter: response.headers.get('retry-after') ?? undefined,
          serverTiming: response.headers.get('server-timing') ?? undefined,
        };
      } finally {
        shards.give(shard);
      }
    },
    close: () => shards.close(),
  };
};
