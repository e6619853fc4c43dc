import { REQUEST_IDENTITY_HEADER } from '../batch-identity.ts';
import { BodyPhaseError } from '../error-kind.ts';
import type { ClientConfig } from '../client-config.ts';
import type { RequestSpec } from '../request-spec.ts';

/** One HTTP exchange as every transport reports it. Transports throw on network errors, with a `code`. */
export interface TransportResponse {
  readonly status: number;
  readonly bytes: number;
  /** Decoded body, only when the CPU work needs it. */
  readonly body: string | undefined;
  readonly retryAfter: string | undefined;
  readonly serverTiming: string | undefined;
}

interface Transport {
  /** One attempt; `identity` is the x-cb-request header value, sent when given. */
  send(path: string, identity?: string): Promise<TransportResponse>;
  close(): Promise<void>;
}

export interface TransportOptions {
  readonly origin: string;
  readonly config: ClientConfig;
  readonly connections: number;
  readonly readBody: boolean;
  /** Method, headers and body of every request; absent: GET. */
  readonly request?: RequestSpec;
}

export type TransportFactory = (options: TransportOptions) => Transport;

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A body's bytes, counted chunk by chunk without decoding. */
export async function countBytes(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}

/**
 * Reads a response body the way the CPU work needs it: decoded when the work parses it, counted otherwise.
 * A failure here happened after the response started, so it is a body-phase error.
 */
export async function readResponseBody(
  body: AsyncIterable<Uint8Array>,
  text: () => Promise<string>,
  decode: boolean,
): Promise<{ bytes: number; body: string | undefined }> {
  try {
    if (!decode) return { bytes: await countBytes(body), body: undefined };
    const decoded = await text();
    return { bytes: Buffer.byteLength(decoded), body: decoded };
  } catch (error: unknown) {
    throw new BodyPhaseError(error);
  }
}

/** `origin + path`, built again only when the path changes: a batch asks for one path, so not once per request. */
export function urlBuilder(origin: string): (path: string) => string {
  let lastPath: string | undefined;
  let lastUrl = '';
  return (path) => {
    if (path !== lastPath) {
      lastPath = path;
      lastUrl = origin + path;
    }
    return lastUrl;
  };
}

/** The method, headers and body every transport sends: a plain GET unless a --target run asks otherwise. */
/** A target's headers with the request's identity beside them, when it carries one. */
export function withIdentity(headers: Record<string, string>, identity: string | undefined): Record<string, string> {
  return identity === undefined ? headers : { ...headers, [REQUEST_IDENTITY_HEADER]: identity };
}

export function requestInit(options: TransportOptions): { method: string; headers: Record<string, string>; body: string | undefined } {
  const spec = options.request;
  return { method: spec?.method ?? 'GET', headers: { ...spec?.headers }, body: spec?.body };
}
