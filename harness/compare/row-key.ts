import type { RunnerResult } from '../../results/types.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';

/** What makes two results the same row in two runs. */
export interface RowKey {
  readonly runner: RunnerId;
  /** `lanes` when the result names none (the default). */
  readonly limiter: LimiterId;
  /** Workers x lanes, `2x15`; undefined for a failed level whose host never started. */
  readonly layout: string | undefined;
  readonly concurrency: number;
  /** Offered arrivals per second of an open-loop level; undefined for a closed-loop batch. */
  readonly rate: number | undefined;
}

/** A row's identity from its structured fields, never from its label. */
export function rowKey(result: RunnerResult): RowKey {
  const rate = result.state === 'completed' ? result.arrival?.offeredRate : result.offeredRate;
  return {
    runner: result.runner,
    limiter: result.limiter ?? 'lanes',
    layout: result.layout === undefined ? undefined : `${result.layout.workers}x${result.layout.lanes}`,
    concurrency: result.concurrency,
    rate,
  };
}

/** Equal for the same row of two runs. */
export function exactKey(key: RowKey): string {
  return JSON.stringify([key.runner, key.limiter, key.layout ?? null, key.concurrency, key.rate ?? null]);
}

/** Equal for the same row when the layout is set aside: a pool of another size, or a failed level that names none. */
export function looseKey(key: RowKey): string {
  return JSON.stringify([key.runner, key.limiter, key.concurrency, key.rate ?? null]);
}
