import { readFileSync } from 'node:fs';
import type { CompletedResult, FailedResult } from '../../results/types.ts';
import { refusedLevel } from './refused-level.ts';

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return fallback;
  }
}

/** This process's soft limit on open files, as `ulimit -n` prints it (Linux /proc). */
function openFilesLimit(): string {
  return /Max open files\s+(\S+)/.exec(readOr('/proc/self/limits', ''))?.[1] ?? 'unknown';
}

function ephemeralPortRange(): string {
  return readOr('/proc/sys/net/ipv4/ip_local_port_range', 'unknown').trim().replace(/\s+/g, '-');
}

/**
 * A level whose requests failed on a limit of this host (open files, local ports) measured the host, not the
 * model: it is recorded as failed, saying which limit was hit and how to raise it.
 */
export function hostExhaustionFailure(result: CompletedResult, label: string): FailedResult | undefined {
  const files = result.errors.byKind.fd_exhausted ?? 0;
  const ports = result.errors.byKind.ports_exhausted ?? 0;
  if (files === 0 && ports === 0) return undefined;
  const message =
    files >= ports
      ? `${label} hit the open-files limit: ${files} requests failed with EMFILE (ulimit -n is ${openFilesLimit()}; raise it with \`ulimit -n 65536\` in the shell that runs the benchmark, or lower --concurrency)`
      : `${label} ran out of local ports: ${ports} requests failed with EADDRNOTAVAIL/EADDRINUSE (ephemeral ports ${ephemeralPortRange()} in /proc/sys/net/ipv4/ip_local_port_range; widen it or lower --concurrency)`;
  return refusedLevel(result, { code: files >= ports ? 'FDS_EXHAUSTED' : 'PORTS_EXHAUSTED', message });
}
