import type { CpuWork } from '../runners/work-schema.ts';

/** A scenario's CPU work per response in a few words: `busy 5 ms`, `json`, `html`. */
export function describeWork(work: CpuWork): string {
  return work.kind === 'busy' ? `busy ${work.ms} ms` : work.kind;
}
