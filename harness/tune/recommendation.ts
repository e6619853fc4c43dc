import type { RunnerId } from '../../runners/types.ts';
import { explain } from './explain.ts';
import { connectionsOf } from './limits.ts';
import { choose } from './recommend.ts';
import type { Recommendation, SweepEnd, TuneLimits, TunePoint } from './types.ts';

/** The recommendation for one runner from all its measured points, or undefined when nothing was measured. */
export function recommend(
  runner: RunnerId,
  points: readonly TunePoint[],
  end: SweepEnd,
  limits: TuneLimits,
  meanLatencyMs: number,
): Recommendation | undefined {
  const choice = choose(points, limits);
  if (!choice) return undefined;
  const chosen = choice.point;
  return {
    runner,
    concurrency: chosen.concurrency,
    ...(runner === 'worker-threads' ? { threads: chosen.poolSize } : {}),
    ...(runner === 'child-process' ? { processes: chosen.poolSize } : {}),
    ...(runner === 'promise-concurrent' ? { connections: connectionsOf(chosen) } : {}),
    ...((chosen.pipelining ?? 1) > 1 ? { pipelining: chosen.pipelining } : {}),
    throughput: chosen.throughput,
    littleThroughput: chosen.littleThroughput,
    p99Ms: chosen.latencyMs.p99,
    meetsLimits: choice.meetsLimits,
    reason: explain({ runner, choice, points, end, limits, meanLatencyMs }),
  };
}
