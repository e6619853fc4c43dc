import { z } from 'zod';
import { ERROR_KINDS } from './error-kind.ts';

export const CLIENT_KINDS = ['undici', 'fetch', 'node-http'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const retryPolicySchema = z
  .object({
    /** Retries after the first try; 0 measures raw behaviour. */
    maxRetries: z.int().min(0).max(20).default(0),
    baseDelayMs: z.number().min(0).max(60_000).default(50),
    maxDelayMs: z.number().min(0).max(600_000).default(5_000),
    /** Wait what the server's Retry-After asks instead of the backoff (capped at maxRetryAfterMs). */
    honourRetryAfter: z.boolean().default(true),
    maxRetryAfterMs: z.number().min(0).max(600_000).default(30_000),
    retryOn: z.array(z.enum(ERROR_KINDS)).default(['rate_limited', 'http_5xx', 'reset', 'timeout', 'connect_refused']),
  })
  .strict();

/** One client configuration for every runner in a run, so only the concurrency model differs. */
export const clientConfigSchema = z
  .object({
    kind: z.enum(CLIENT_KINDS).default('undici'),
    /** Connections per process; by default the requests that process keeps in flight. */
    connections: z.int().min(1).max(100_000).optional(),
    /**
     * Connections one undici Agent holds at most; more are split over several Agents (undici's Pool scans its
     * connections for a free one on every request, so 10,000 on one Agent cost ~40 µs a request).
     */
    connectionsPerAgent: z.int().min(1).max(100_000).default(256),
    pipelining: z.int().min(1).max(128).default(1),
    keepAliveTimeoutMs: z.number().min(1).max(600_000).default(30_000),
    headersTimeoutMs: z.number().min(1).max(3_600_000).default(30_000),
    bodyTimeoutMs: z.number().min(1).max(3_600_000).default(30_000),
    retry: retryPolicySchema.default(retryPolicySchema.parse({})),
  })
  .strict();

export type ClientConfig = z.output<typeof clientConfigSchema>;
export type ClientConfigInput = z.input<typeof clientConfigSchema>;
export type RetryPolicy = z.output<typeof retryPolicySchema>;

export const defaultClientConfig: ClientConfig = clientConfigSchema.parse({});
