import type { CompletedResult, FailedResult } from '../../results/types.ts';

/**
 * A measured level that the harness refuses to count (too many failed requests, a host limit hit): the row keeps
 * its identity (runner, limiter, layout, offered rate) and takes the reason instead of its figures.
 */
export function refusedLevel(result: CompletedResult, error: FailedResult['error'], errors?: FailedResult['errors']): FailedResult {
  return {
    state: 'failed',
    runner: result.runner,
    ...(result.limiter === undefined ? {} : { limiter: result.limiter }),
    label: result.label,
    concurrency: result.concurrency,
    layout: result.layout,
    ...(result.arrival === undefined ? {} : { offeredRate: result.arrival.offeredRate }),
    error,
    ...(errors === undefined ? {} : { errors }),
  };
}
