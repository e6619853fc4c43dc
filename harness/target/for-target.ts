import type { RunnerLayout } from '../../runners/types.ts';
import type { BatchSetup } from '../../runners/batch-spec.ts';
import type { CompletedResult, RunnerResult } from '../../results/types.ts';
import type { TargetRun } from './types.ts';

/** The request and the per-worker share of the rate cap that every worker of a target run sends with. */
export function targetSetup(target: TargetRun, layout: RunnerLayout): Pick<BatchSetup, 'request' | 'rateCap'> {
  const caps = target.caps;
  return {
    request: target.request,
    ...(caps === undefined ? {} : { rateCap: { perSecond: caps.maxRatePerSecond / Math.max(1, layout.workers) } }),
  };
}

/** Without a model of the user's service there is no ideal: the result drops it (reports show n/a) and keeps Little's law. */
export function withoutIdeal(result: RunnerResult): RunnerResult {
  if (result.state !== 'completed') return result;
  const {
    idealWallMs: _ideal,
    idealLimitedBy: _limit,
    boundWallMs: _bound,
    boundLimitedBy: _boundLimit,
    efficiency: _efficiency,
    overheadMs: _overhead,
    // The replay a target's level ran against is the default server's (16 ms): beating it says nothing.
    idealInvalid: _invalid,
    ...rest
  } = result;
  return rest satisfies CompletedResult;
}
