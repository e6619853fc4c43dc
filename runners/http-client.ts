import { Agent, request } from 'undici';
import { classifyError, classifyStatus, type ErrorKind } from './error-kind.ts';

/** One client configuration for every runner, so only the concurrency model differs. */
export interface ClientConfig {
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly pipelining: number;
}

export const defaultClientConfig: ClientConfig = {
  keepAliveTimeoutMs: 30_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  pipelining: 1,
};

export interface ResponseRecord {
  readonly status: number;
  readonly bytes: number;
  readonly errorKind: ErrorKind | undefined;
}

export interface HttpClient {
  get(path: string): Promise<ResponseRecord>;
  close(): Promise<void>;
}

/** An undici Agent sized to the requests this process keeps in flight; never throws per request, it classifies. */
export function createHttpClient(origin: string, config: ClientConfig, connections: number): HttpClient {
  const agent = new Agent({
    connections,
    pipelining: config.pipelining,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyTimeoutMs,
  });
  return {
    async get(path) {
      try {
        const response = await request(origin + path, { dispatcher: agent });
        let bytes = 0;
        for await (const chunk of response.body) bytes += (chunk as Buffer).length;
        return { status: response.statusCode, bytes, errorKind: classifyStatus(response.statusCode) };
      } catch (error: unknown) {
        return { status: 0, bytes: 0, errorKind: classifyError(error) };
      }
    },
    close: () => agent.close(),
  };
}
