import type { AdaptiveLimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import { measureSetting, type PointContext } from './measure-point.ts';
import type { AdaptiveOutcome, Recommendation } from './types.ts';

/**
 * Each adaptive limiter with the sweep's max concurrency as its ceiling, one level each (fresh limiter, learning
 * over the warm-up and measured batches), scored against the runner's recommended static setting. A limiter
 * whose level fails is left out; the abort signal ends the phase.
 */
export async function adaptivePhase(
  runner: RunnerId,
  recommendation: Recommendation,
  limiters: readonly AdaptiveLimiterId[],
  context: PointContext & { readonly onLevel: (label: string) => void },
): Promise<AdaptiveOutcome[]> {
  const outcomes: AdaptiveOutcome[] = [];
  if (runner === 'sequential') return outcomes;
  const maxConcurrency = context.bounds.maxConcurrency;
  for (const limiter of limiters) {
    if (context.signal.aborted) break;
    context.onLevel(`${runner}/${limiter}: up to ${maxConcurrency} in flight`);
    try {
      const { point, result } = await measureSetting(runner, { concurrency: maxConcurrency }, 'concurrency', context, limiter);
      outcomes.push({
        runner,
        limiter,
        maxConcurrency,
        throughput: point.throughput,
        p99Ms: point.latencyMs.p99,
        throughputShare: recommendation.throughput > 0 ? point.throughput / recommendation.throughput : 0,
        p99Ratio: recommendation.p99Ms > 0 ? point.latencyMs.p99 / recommendation.p99Ms : 0,
        settledLimit: result.limits?.settled,
        errorRate: point.errorRate,
      });
    } catch (error: unknown) {
      if (context.signal.aborted) break;
      context.progress.note(`${runner}/${limiter} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcomes;
}
