import { request, type Agent } from 'undici';
import { REQUEST_IDENTITY_HEADER } from '../batch-identity.ts';
import { withIdentity } from './transport.ts';
import { BodyPhaseError } from '../error-kind.ts';
import { headerValue, requestInit, type TransportFactory, urlBuilder } from './transport.ts';
import { createAgentShards } from './undici-agent.ts';

/** undici.request: the leanest client Node has, and the default. */
export const createUndiciTransport: TransportFactory = (options) => {
  const shards = createAgentShards(options);
  const init = requestInit(options);
  const custom = options.request !== undefined;
  const urlOf = urlBuilder(options.origin);
  return {
    async send(path, identity) {
      const shard = shards.take();
      const dispatcher = shards.agents[shard] as Agent;
      try {
        // A target run sends the user's method, headers and body, with the identity when given; a mock-server run only its identity.
        const response = await request(
          urlOf(path),
          custom
            ? { dispatcher, ...init, headers: withIdentity(init.headers, identity), body: init.body ?? null }
            : identity === undefined
              ? { dispatcher }
              : // A flat [name, value] list: undici then skips its iterator check and Object.keys of a headers object.
                { dispatcher, headers: [REQUEST_IDENTITY_HEADER, identity] },
        );
        // The body is read here rather than through a shared helper: on the default transport every await and
        // closure per request is the harness's cost, not the model's (bench:self -- runners measures it).
        let bytes = 0;
        let body: string | undefined;
        try {
          if (options.readBody) {
            body = await response.body.text();
            bytes = Buffer.byteLength(body);
          } else {
            for await (const chunk of response.body) bytes += (chunk as Buffer).byteLength;
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
      } finally {
        shards.give(shard);
      }
    },
    close: () => shards.close(),
  };
};
