import http from 'node:http';
import https from 'node:https';
import { BodyPhaseError } from '../error-kind.ts';
import { headerValue, requestInit, type TransportFactory, type TransportResponse, withIdentity } from './transport.ts';

class TransportTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/** node:http with a keep-alive Agent capped at the same connection count: the classic client. */
export const createNodeHttpTransport: TransportFactory = (options) => {
  const secure = options.origin.startsWith('https:');
  const module = secure ? https : http;
  const agent = new module.Agent({ keepAlive: true, maxSockets: options.connections, keepAliveMsecs: options.config.keepAliveTimeoutMs });
  const init = requestInit(options);
  // node:http has one idle timeout per socket; the longer of headers/body timeouts is the closest match.
  const timeoutMs = Math.max(options.config.headersTimeoutMs, options.config.bodyTimeoutMs);
  return {
    send(path, identity) {
      return new Promise<TransportResponse>((resolve, reject) => {
        const req = module.request(
          options.origin + path,
          {
            agent,
            timeout: timeoutMs,
            method: init.method,
            headers: withIdentity(init.headers, identity),
          },
          (res) => {
            let bytes = 0;
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              if (options.readBody) chunks.push(chunk);
            });
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                bytes,
                body: options.readBody ? Buffer.concat(chunks).toString('utf8') : undefined,
                retryAfter: headerValue(res.headers['retry-after']),
                serverTiming: headerValue(res.headers['server-timing']),
              }),
            );
            res.on('error', (error) => reject(new BodyPhaseError(error)));
            res.on('aborted', () => reject(new BodyPhaseError(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' }))));
          },
        );
        req.on('timeout', () => req.destroy(new TransportTimeoutError(`no answer within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(init.body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
};
