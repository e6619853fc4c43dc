import type { BatchPlan } from './types.ts';

/** Splits `total` into `parts` whole shares that differ by at most one: split(10, 3) = [4, 3, 3]. */
export function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, index) => base + (index < extra ? 1 : 0));
}

/** Workers in the pool: never more than the requests in flight, so each worker has at least one. */
export function workersFor(concurrency: number, poolSize: number): number {
  return Math.max(1, Math.min(poolSize, concurrency));
}

/** One plan per worker: the batch's requests and the in-flight limit spread evenly; the sum keeps the limit exact. */
export function shardPlans(requests: number, concurrency: number, workers: number, path: string): BatchPlan[] {
  const requestShares = split(requests, workers);
  const concurrencyShares = split(concurrency, workers);
  return requestShares.map((share, index) => ({ requests: share, concurrency: concurrencyShares[index] ?? 1, path }));
}

export function describeShape(id: string, workers: number, concurrency: number): string {
  const perWorker = split(concurrency, workers);
  const uneven = perWorker[0] !== perWorker[perWorker.length - 1];
  return `${id} ${workers}x${perWorker[0] ?? 1}${uneven ? ` (${concurrency} in flight)` : ''}`;
}
