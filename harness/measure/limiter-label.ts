import type { LimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';

/** `promise-concurrent 1x50` with limiter p-limit: `promise-concurrent/p-limit 1x50`; unchanged without one. */
export function limiterLabel(label: string, runner: RunnerId, limiter: LimiterId | undefined): string {
  if (limiter === undefined || !label.startsWith(runner)) return label;
  return `${runner}/${limiter}${label.slice(runner.length)}`;
}
