import type { RunnerResult } from '../../results/types.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';

/** What makes two results the same row in two runs. */
export interface RowKey {
  readonly runner: RunnerId;
  /** `lanes` when the result names none (the default). */
  readonly limiter: LimiterId;
  /** Workers x lanes, `2x15`; undefined when the shape names none (a failed level's label). */
  readonly layout: string | undefined;
  readonly concurrency: number;
  /** Offered arrivals per second of an open-loop level; undefined for a closed-loop batch. */
  readonly rate: number | undefined;
}

// results.json carries the layout only inside `shape` (`worker-threads/p-limit 2x15 (29 in flight) @ 500/s`),
// and a failed open-loop level its rate only inside its label (`... at 30 in flight @ 500/s`).
const LAYOUT = /\s(\d+x\d+)(?=\s|$)/;
const RATE = /\s@\s(\d+(?:\.\d+)?)\/s$/;

export function rowKey(result: RunnerResult): RowKey {
  const labelledRate = RATE.exec(result.shape)?.[1];
  const rate =
    result.state === 'completed' && result.arrival
      ? result.arrival.offeredRate
      : labelledRate === undefined
        ? undefined
        : Number(labelledRate);
  return {
    runner: result.runner,
    limiter: result.limiter ?? 'lanes',
    layout: LAYOUT.exec(result.shape)?.[1],
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
