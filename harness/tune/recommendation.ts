import { runnerDescriptor } from '../../runners/registry.ts';
import type { RunnerId } from '../../runners/types.ts';
import { explain } from './explain.ts';
import { connectionsOf } from './settings.ts';
import { choose } from './recommend.ts';
import type { Recommendation, SweepEnd, TuneSlo, TunePoint, UslRecord, UslSkip } from '../../results/tune-types.ts';
import { ceilingOf } from './usl-sweep.ts';
import { formatRate } from '../../common/format.ts';

/**
 * The recommendation for one runner from all its measured points, or undefined when nothing was measured: a
 * measured setting, never above the USL's N* where the fit found a retrograde region.
 */
export function recommend(
  runner: RunnerId,
  points: readonly TunePoint[],
  end: SweepEnd,
  slo: TuneSlo,
  latencyMs: number,
  usl?: UslRecord | UslSkip,
  target = false,
): Recommendation | undefined {
  const ceiling = ceilingOf(usl);
  const choice = choose(points, slo, ceiling);
  if (!choice) return undefined;
  const chosen = choice.point;
  const descriptor = runnerDescriptor(runner);
  const why = explain({ runner, choice, points, end, slo, meanLatencyMs: latencyMs, target });
  const peak =
    ceiling === undefined || usl === undefined || !('peakThroughput' in usl)
      ? ''
      : `; the USL fit puts the peak at N* = ${ceiling} in flight (${formatRate(usl.peakThroughput ?? 0)}), the most recommended`;
  return {
    runner,
    concurrency: chosen.concurrency,
    ...(descriptor.poolSetting === undefined ? {} : { [descriptor.poolSetting]: chosen.poolSize }),
    ...(descriptor.supports.agentSweep ? { connections: connectionsOf(chosen) } : {}),
    ...((chosen.pipelining ?? 1) > 1 ? { pipelining: chosen.pipelining } : {}),
    throughput: chosen.throughput,
    littleThroughput: chosen.littleThroughput,
    p99Ms: chosen.latencyMs.p99,
    meetsSlo: choice.meetsSlo,
    reason: `${why}${peak}`,
  };
}
