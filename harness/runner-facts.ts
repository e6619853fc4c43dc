import type { RunnerFacts } from '../results/types.ts';
import { isRunnerId, runnerDescriptor } from '../runners/registry.ts';

/** A runner's registry entry as results.json records it, so the reports need nothing but the file. */
export function runnerFacts(id: string): RunnerFacts {
  const descriptor = runnerDescriptor(id);
  return {
    id,
    language: descriptor.language,
    runsOn: descriptor.runsOn,
    model: descriptor.model,
    inFlight: descriptor.inFlight,
    ...(descriptor.workerNouns === undefined ? {} : { workerNouns: descriptor.workerNouns }),
    analogue: descriptor.analogue,
    ...(descriptor.articleApproach === undefined ? {} : { articleApproach: descriptor.articleApproach }),
    colour: descriptor.colour,
  };
}

/** Whether a runner's level sets its requests in flight (not so for sequential): only then has it a limit to find. */
export function levelSetsInFlight(id: string): boolean {
  return isRunnerId(id) && runnerDescriptor(id).inFlight === 'level';
}
