import type { Setting } from './tune-types.ts';
import type { RunnerFacts } from './types.ts';

export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2 threads`, `1 process` in the runner's own nouns; undefined for a runner without a pool of its own. */
export function workerCount(facts: Pick<RunnerFacts, 'workerNouns'>, size: number): string | undefined {
  return facts.workerNouns ? count(size, ...facts.workerNouns) : undefined;
}

/** `32 in flight, 2 threads` or `32 in flight, 8 connections, pipelining 4`: a setting as the user would set it. */
export function describeSetting(facts: Pick<RunnerFacts, 'workerNouns'>, setting: Setting): string {
  const parts = [`${setting.concurrency} in flight`];
  const pool = setting.poolSize === undefined ? undefined : workerCount(facts, setting.poolSize);
  if (pool) parts.push(pool);
  if (setting.connections !== undefined) parts.push(count(setting.connections, 'connection', 'connections'));
  if ((setting.pipelining ?? 1) > 1) parts.push(`pipelining ${setting.pipelining}`);
  return parts.join(', ');
}
