import { keepsOneInFlight } from './runner-sweeps.ts';
import type { AdaptiveLimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import { measureSetting, type PointContext } from './measure-point.ts';
import type { AdaptiveOutcome, Recommendation } from '../../results/tune-types.ts';

/**
 * An adaptive limiter may go this many times past the recommended static limit: enough to show whether it finds
 * the knee by itself, not so far that it floods a real service (a capacity-6 service saw a queue of 250 at 256).
 */
const ADAPTIVE_CEILING_FACTOR = 4;

export function adaptiveCeiling(recommendation: Pick<Recommendation, 'concurrency'>, maxConcurrency: number): number {
  return Math.max(1, Math.min(maxConcurrency, ADAPTIVE_CEILING_FACTOR * recommendation.concurrency));
}

/**
 * Each adaptive limiter with a ceiling of 4x the recommended static limit, one level each (fresh limiter, learning
 * over the warm-up and measured batches), scored against the runner's recommended static setting. A limiter
 * whose level fails is left out; the abort signal ends the phase.
 */
export async function adaptivePhase(
  runner: RunnerId,
  recommendation: Recommendation,
  limiters: readonly AdaptiveLimiterId[],
  context: PointContext & { readonly onLevel: (label: string, stillToCome: number) => void; readonly settingsAfter: number },
): Promise<AdaptiveOutcome[]> {
  const outcomes: AdaptiveOutcome[] = [];
  if (keepsOneInFlight(runner)) return outcomes;
  const maxConcurrency = adaptiveCeiling(recommendation, context.bounds.maxConcurrency);
  for (const [index, limiter] of limiters.entries()) {
    if (context.signal.aborted) break;
    context.onLevel(`${runner}/${limiter}: up to ${maxConcurrency} in flight`, limiters.length - index - 1 + context.settingsAfter);
    try {
      const { point, result } = await measureSetting(runner, { concurrency: maxConcurrency }, 'concurrency', context, limiter);
      outcomes.push({
        runner,
        limiter,
        maxConcurrency,
        throughput: point.throughput,
        littleInFlight: point.littleInFlight,
        p99Ms: point.latencyMs.p99,
        throughputShare: recommendation.throughput > 0 ? point.throughput / recommendation.throughput : 0,
        p99Ratio: recommendation.p99Ms > 0 ? point.latencyMs.p99 / recommendation.p99Ms : 0,
        settledLimit: result.limitTrace?.settled,
        errorRate: point.errorRate,
      });
    } catch (error: unknown) {
      if (context.signal.aborted) break;
      context.progress.note(`${runner}/${limiter} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcomes;
}
