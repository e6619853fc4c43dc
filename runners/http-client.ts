import { setTimeout as sleep } from 'node:timers/promises';
import { jitterRandom, parseRetryAfterMs, retryDelayMs } from './backoff.ts';
import { identityHeader, type BatchIdentity } from './batch-identity.ts';
import type { ClientConfig } from './client-config.ts';
import { classifyError, classifyStatus, type ErrorKind } from './error-kind.ts';
import { RateCap } from './rate-cap.ts';
import type { RateCapSpec, RequestSpec } from './request-spec.ts';
import { serverTimingMs } from './server-timing.ts';
import { transports } from './transports/registry.ts';

export type { ClientConfig } from './client-config.ts';

/** What one logical request ended as, after any retries. */
export interface ResponseRecord {
  readonly status: number;
  readonly bytes: number;
  readonly errorKind: ErrorKind | undefined;
  readonly body: string | undefined;
  /** 1 + retries. */
  readonly attempts: number;
  readonly backoffMs: number;
  /**
   * The last attempt's server-side split (Server-Timing queue and serve), as numbers: NaN when the server sent
   * neither, 0 for one it left out.
   */
  readonly serverQueueMs: number;
  readonly serverServeMs: number;
}

export interface HttpClient {
  /**
   * One logical request, retried per the policy. With `batch`, every attempt carries its identity
   * (batch, index, attempt) and the retry jitter derives from (seed, identity); without, no header and Math.random.
   */
  get(path: string, batch?: BatchIdentity, index?: number): Promise<ResponseRecord>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  readonly origin: string;
  readonly config: ClientConfig;
  /** Requests this process keeps in flight; sizes the connection pool unless the config fixes it. */
  readonly inFlight: number;
  readonly readBody: boolean;
  /** Send each attempt's identity header when get() is given a batch (default); the retry jitter uses it either way. */
  readonly identityHeader?: boolean;
  /** Method, headers and body of every request; absent: GET. */
  readonly request?: RequestSpec;
  /** At most this many attempts per second; a 429/503 with Retry-After then also pauses every lane. */
  readonly rateCap?: RateCapSpec;
}

/** The one client every runner uses: the configured transport plus retries; it classifies errors, never throws them. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { config } = options;
  const transport = transports[config.kind]({
    origin: options.origin,
    config,
    connections: config.connections ?? Math.max(1, options.inFlight),
    readBody: options.readBody,
    ...(options.request === undefined ? {} : { request: options.request }),
  });
  const policy = config.retry;
  const cap = options.rateCap === undefined ? undefined : new RateCap(options.rateCap.perSecond);
  const sendIdentity = options.identityHeader !== false;
  return {
    async get(path, batch, index = 0) {
      let backoffMs = 0;
      for (let attempt = 1; ; attempt += 1) {
        let status = 0;
        let bytes = 0;
        let body: string | undefined;
        let retryAfter: string | undefined;
        let serverQueueMs = Number.NaN;
        let serverServeMs = Number.NaN;
        let errorKind: ErrorKind | undefined;
        try {
          if (cap) await cap.take();
          const response = await transport.send(path, batch && sendIdentity ? identityHeader(batch, index, attempt - 1) : undefined);
          ({ status, bytes, body, retryAfter } = response);
          const timing = response.serverTiming;
          if (timing !== undefined) {
            serverQueueMs = serverTimingMs(timing, 'queue');
            serverServeMs = serverTimingMs(timing, 'serve');
            // One metric alone: the other counts as 0; neither: both stay NaN.
            if (!Number.isNaN(serverQueueMs) || !Number.isNaN(serverServeMs)) {
              if (Number.isNaN(serverQueueMs)) serverQueueMs = 0;
              if (Number.isNaN(serverServeMs)) serverServeMs = 0;
            }
          }
          errorKind = classifyStatus(status);
          const asked = status === 429 || status === 503 ? parseRetryAfterMs(retryAfter) : undefined;
          if (asked !== undefined) cap?.pause(asked);
        } catch (error: unknown) {
          errorKind = classifyError(error);
        }
        const retriesUsed = attempt - 1;
        if (errorKind === undefined || retriesUsed >= policy.maxRetries || !policy.retryOn.includes(errorKind)) {
          return { status, bytes, errorKind, body, attempts: attempt, backoffMs, serverQueueMs, serverServeMs };
        }
        const random = batch ? () => jitterRandom(batch.seed, batch.stream, batch.iteration, index, retriesUsed) : Math.random;
        const delay = retryDelayMs(retriesUsed, policy, retryAfter, random);
        backoffMs += delay;
        await sleep(delay);
      }
    },
    close: () => transport.close(),
  };
}
