import { runnerDescriptor } from '../runners/registry.ts';
import type { RunnerFacts } from './types.ts';

/** A runner's registry entry as results.json and tune.json record it, so the reports need nothing but the file. */
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
    ...(descriptor.interpreterLock === undefined ? {} : { interpreterLock: descriptor.interpreterLock }),
    colour: descriptor.colour,
  };
}
