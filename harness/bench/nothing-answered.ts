import type { ErrorKind } from '../../runners/error-kind.ts';
import type { ResultsFile, RunnerResult } from '../../results/types.ts';

/** What a request that never got an answer tells the user to check, by how it failed. */
export function checkHint(kind: ErrorKind | string, url: URL, timeoutMs: number): string {
  switch (kind) {
    case 'connect_refused':
      return `is a server listening on port ${url.port || (url.protocol === 'https:' ? '443' : '80')}?`;
    case 'timeout':
      return `no answer came within the ${timeoutMs} ms timeout: is the service up, and is --timeout long enough?`;
    case 'reset':
      return 'every connection was reset: does it speak HTTP/1.1 on that port?';
    case 'http_4xx':
      return 'every answer was 4xx: check the path, the method and the headers';
    case 'http_5xx':
      return 'every answer was 5xx: the service itself is failing';
    case 'rate_limited':
      return 'every answer was 429: the service rate-limits this client';
    default:
      return `every request failed (${kind})`;
  }
}

function answered(result: RunnerResult): number {
  if (result.state === 'completed') return result.perIteration.ok.reduce((sum, ok) => sum + ok, 0);
  return result.errors === undefined ? 0 : result.errors.requests - result.errors.total;
}

function failures(result: RunnerResult): Partial<Record<string, number>> {
  if (result.state === 'completed') return result.errors.byKind;
  return result.errors?.byKind ?? {};
}

/**
 * The one line for a run in which no request was answered (a dead target): what failed and what to check. Undefined
 * when anything answered, or when nothing was measured to the end (a run that failed for other reasons says so itself).
 */
export function nothingAnswered(results: ResultsFile, url: URL, timeoutMs: number): string | undefined {
  const all = results.scenarios.flatMap((scenario) => scenario.results);
  const measured = all.filter((result) => result.state === 'completed' || result.errors !== undefined);
  if (measured.length === 0 || measured.some((result) => answered(result) > 0)) return undefined;
  const kinds = new Map<string, number>();
  for (const result of measured)
    for (const [kind, count] of Object.entries(failures(result))) kinds.set(kind, (kinds.get(kind) ?? 0) + (count ?? 0));
  const [kind = 'other'] = [...kinds].sort(([, a], [, b]) => b - a).map(([name]) => name);
  return `nothing answered at ${url.href}: ${checkHint(kind, url, timeoutMs)}`;
}
