import { isIPv4, isIPv6 } from 'node:net';
import { UsageError } from '../../common/usage-error.ts';

/**
 * True for 127.0.0.0/8, ::1 and the literal name `localhost`. Decided from the text alone: no name is resolved,
 * so any other hostname counts as remote whatever it would resolve to.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (host.toLowerCase() === 'localhost') return true;
  if (isIPv4(host)) return host.split('.')[0] === '127';
  return isIPv6(host) && host === '::1';
}

export interface ParsedTarget {
  readonly url: URL;
  readonly remote: boolean;
}

/** Parses `--target` and refuses a non-loopback one without `--allow-remote`, before any DNS lookup or socket. */
export function parseTargetUrl(raw: string, allowRemote: boolean, flag = '--target'): ParsedTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`Expected \`${flag}\` to be an absolute http:// or https:// URL, got \`${raw}\``);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`Expected \`${flag}\` to be an http:// or https:// URL, got \`${raw}\``);
  if (url.username !== '' || url.password !== '')
    throw new UsageError(
      `Expected \`${flag}\` to carry no credentials (use --header 'Authorization: ...'), got \`${url.protocol}//***@${url.host}\``,
    );
  const remote = !isLoopbackHost(url.hostname);
  if (remote && !allowRemote)
    throw new UsageError(
      `Expected \`${flag}\` to be a loopback URL (127.0.0.0/8, ::1, localhost) unless --allow-remote is given, got \`${raw}\``,
    );
  return { url, remote };
}
