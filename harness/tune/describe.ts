import type { RunnerId } from '../../runners/types.ts';
import type { Setting } from './types.ts';

const POOL_UNITS: Partial<Record<RunnerId, readonly [one: string, many: string]>> = {
  'worker-threads': ['thread', 'threads'],
  'child-process': ['process', 'processes'],
};

export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2 threads`, `1 process`; undefined for runners without a pool. */
export function poolCount(runner: RunnerId, size: number): string | undefined {
  const unit = POOL_UNITS[runner];
  return unit ? count(size, ...unit) : undefined;
}

/** `32 in flight, 2 threads` or `32 in flight, 8 connections, pipelining 4`: a setting as the user would set it. */
export function describeSetting(runner: RunnerId, setting: Setting): string {
  const parts = [`${setting.concurrency} in flight`];
  const pool = setting.poolSize === undefined ? undefined : poolCount(runner, setting.poolSize);
  if (pool) parts.push(pool);
  if (setting.connections !== undefined) parts.push(count(setting.connections, 'connection', 'connections'));
  if ((setting.pipelining ?? 1) > 1) parts.push(`pipelining ${setting.pipelining}`);
  return parts.join(', ');
}
