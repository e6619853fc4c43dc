import { isRunnerId, runnerDescriptor } from '../../runners/registry.ts';

/** Whether a runner's level sets its requests in flight (not so for sequential): only then has it a limit to find. */
export function levelSetsInFlight(id: string): boolean {
  return isRunnerId(id) && runnerDescriptor(id).inFlight === 'level';
}
