import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../../common/usage-error.ts';
import { parseOrThrow } from '../../common/validation.ts';
import { redactHeaders, redactUrl } from './redact.ts';
import { parseTargetUrl } from './target-url.ts';
import { REMOTE_CAP_DEFAULTS, type RemoteCaps, type TargetRun } from './types.ts';

export const TARGET_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The --target flags as text from the command line, before validation. */
export interface TargetFlags {
  readonly target: string;
  readonly method?: string | undefined;
  readonly headers: readonly string[];
  readonly bodyFile?: string | undefined;
  readonly allowRemote: boolean;
  readonly maxRate?: unknown;
  readonly maxRequests?: unknown;
  readonly maxErrorRate?: unknown;
}

const capsSchema = z
  .object({
    maxRate: z.number().gt(0).max(1_000_000).optional(),
    maxRequests: z.int().min(1).max(100_000_000).optional(),
    maxErrorRate: z.number().min(0).max(1).optional(),
    method: z.enum(TARGET_METHODS).default('GET'),
  })
  .strict();

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `name: value` as curl writes it. */
function parseHeader(raw: string): [string, string] {
  const colon = raw.indexOf(':');
  const name = colon > 0 ? raw.slice(0, colon).trim() : '';
  if (!HEADER_NAME.test(name)) throw new UsageError(`Expected \`--header\` to be \`name: value\`, got \`${raw}\``);
  return [name, raw.slice(colon + 1).trim()];
}

/**
 * Validates the target flags: the URL first (a remote one without --allow-remote is refused here, from its text,
 * before any DNS lookup or socket), then method, headers, body file and caps. Remote targets are always capped;
 * a loopback one only when a cap flag is given (the others then take their defaults).
 */
export async function resolveTarget(flags: TargetFlags): Promise<TargetRun> {
  const { url, remote } = parseTargetUrl(flags.target, flags.allowRemote);
  const parsed = parseOrThrow(
    capsSchema,
    {
      maxRate: flags.maxRate,
      maxRequests: flags.maxRequests,
      maxErrorRate: flags.maxErrorRate,
      method: flags.method?.toUpperCase(),
    },
    { prefix: '--', names: { maxRate: 'max-rate', maxRequests: 'max-requests', maxErrorRate: 'max-error-rate' } },
  );
  const headers = Object.fromEntries(flags.headers.map(parseHeader));
  let body: string | undefined;
  if (flags.bodyFile !== undefined) {
    try {
      body = await readFile(flags.bodyFile, 'utf8');
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new UsageError(`Expected \`--body-file\` to be a readable file, got \`${flags.bodyFile}\` (${reason})`);
    }
  }
  // An error-rate limit alone caps nothing: every run has one (a level above it fails).
  const capped = remote || parsed.maxRate !== undefined || parsed.maxRequests !== undefined;
  const caps: RemoteCaps | undefined = capped
    ? {
        maxRatePerSecond: parsed.maxRate ?? REMOTE_CAP_DEFAULTS.maxRatePerSecond,
        maxRequests: parsed.maxRequests ?? REMOTE_CAP_DEFAULTS.maxRequests,
        maxErrorRate: parsed.maxErrorRate ?? REMOTE_CAP_DEFAULTS.maxErrorRate,
        maxP99Factor: REMOTE_CAP_DEFAULTS.maxP99Factor,
      }
    : undefined;
  return {
    url,
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    request: { method: parsed.method, headers, ...(body === undefined ? {} : { body }) },
    remote,
    caps,
    record: {
      url: redactUrl(url),
      method: parsed.method,
      headers: redactHeaders(headers),
      remote,
      ...(caps === undefined ? {} : { maxRatePerSecond: caps.maxRatePerSecond, maxRequests: caps.maxRequests }),
    },
  };
}
