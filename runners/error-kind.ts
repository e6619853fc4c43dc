/** Stable error codes: they survive worker and process boundaries where `instanceof` does not. */
export const ERROR_KINDS = [
  'timeout',
  'connect_refused',
  'reset',
  'http_4xx',
  'http_5xx',
  'rate_limited',
  'body',
  // A limit of the client host, not of the server: open files (ulimit -n) and local ports.
  'fd_exhausted',
  'ports_exhausted',
  'other',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export function classifyStatus(status: number): ErrorKind | undefined {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'http_5xx';
  if (status >= 400) return 'http_4xx';
  return undefined;
}

const CODE_TO_KIND: Readonly<Record<string, ErrorKind>> = {
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'connect_refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  EMFILE: 'fd_exhausted',
  ENFILE: 'fd_exhausted',
  EADDRNOTAVAIL: 'ports_exhausted',
  EADDRINUSE: 'ports_exhausted',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'body',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'body',
};

/** Thrown by transports when the response had started (status and headers arrived) and then its body failed. */
export class BodyPhaseError extends Error {
  readonly code = 'BODY_FAILED';
  constructor(cause: unknown) {
    super(`response body failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function codeKind(error: unknown): ErrorKind | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CODE_TO_KIND[code]) return CODE_TO_KIND[code];
  }
  return undefined;
}

/**
 * Network errors by code; a failure after the response started is `body` (a truncated or broken body looks
 * like a closed socket to undici), except a body timeout, which stays `timeout`.
 */
export function classifyError(error: unknown): ErrorKind {
  const byCode = codeKind(error);
  if (error instanceof BodyPhaseError) return byCode === 'timeout' ? 'timeout' : 'body';
  return byCode ?? 'other';
}
