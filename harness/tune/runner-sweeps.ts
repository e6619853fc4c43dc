import { runnerDescriptor } from '../../runners/registry.ts';
import type { RunnerId } from '../../runners/types.ts';

/** What tune sweeps for a runner, read from its descriptor: a runner that keeps one request in flight has no curve. */
export function keepsOneInFlight(runner: RunnerId): boolean {
  return runnerDescriptor(runner).inFlight === 'one';
}

/** Pool runners measure with a pool and sweep its size; the single-loop runners ignore the size. */
export function usesPool(runner: RunnerId): boolean {
  return runnerDescriptor(runner).poolSetting !== undefined;
}

/** Runners whose Agent tune sweeps (connections, pipelining) at the chosen level. */
export function sweepsAgent(runner: RunnerId): boolean {
  return runnerDescriptor(runner).supports.agentSweep;
}
