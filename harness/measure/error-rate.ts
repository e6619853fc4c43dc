import { formatShare } from '../../common/format.ts';
import type { CompletedResult, FailedResult } from '../../results/types.ts';
import { refusedLevel } from './refused-level.ts';

/** `connect_refused 100%, timeout 2%`: the failures by kind, largest first, as shares of the requests. */
function failuresByKind(result: Pick<CompletedResult, 'errors' | 'attempts'>): string {
  const requests = Math.max(1, result.attempts.firstTries);
  return Object.entries(result.errors.byKind)
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ${formatShare(count / requests)}`)
    .join(', ');
}

/**
 * A level whose requests failed (after retries) more often than `maxErrorRate` measured failures, not a model: it is
 * recorded as failed with the reason and what its requests ended in, and takes no part in verdicts, limits or advice.
 */
export function errorRateFailure(result: CompletedResult, label: string, maxErrorRate: number): FailedResult | undefined {
  if (result.errorRate <= maxErrorRate) return undefined;
  const message = `${label} failed: ${formatShare(result.errorRate)} of its requests failed (${failuresByKind(result)}), above the ${formatShare(maxErrorRate)} limit (--max-error-rate)`;
  return refusedLevel(
    result,
    { code: 'ERROR_RATE', message },
    { total: result.errors.total, requests: result.attempts.firstTries, byKind: result.errors.byKind },
  );
}
