import { defaultClientConfig } from '../../runners/client-config.ts';
import { createHttpClient } from '../../runners/http-client.ts';
import { checkHint } from '../bench/nothing-answered.ts';
import type { TargetRun } from './types.ts';

const PREFLIGHT_TIMEOUT_MS = 5_000;

/**
 * One request to the user's service before anything is measured: a service that does not answer at all ends the
 * run at once with the line saying what to check, instead of a table of failures. A service that answers, even
 * with an error status, is measured (its errors are part of what the user wants to see).
 */
export async function preflightTarget(target: TargetRun): Promise<string | undefined> {
  const client = createHttpClient({
    origin: target.origin,
    config: {
      ...defaultClientConfig,
      headersTimeoutMs: PREFLIGHT_TIMEOUT_MS,
      bodyTimeoutMs: PREFLIGHT_TIMEOUT_MS,
      retry: { ...defaultClientConfig.retry, maxRetries: 0 },
    },
    inFlight: 1,
    readBody: false,
    request: target.request,
  });
  try {
    const response = await client.get(target.path);
    const unanswered = response.status === 0 && response.errorKind !== undefined;
    return unanswered
      ? `nothing answered at ${target.url.href}: ${checkHint(response.errorKind ?? 'other', target.url, PREFLIGHT_TIMEOUT_MS)}`
      : undefined;
  } finally {
    await client.close();
  }
}
