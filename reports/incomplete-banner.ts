import type { ResultsFile } from '../results/types.ts';

/** The one sentence every rendering of an unfinished run (interrupted, killed, or a journal) leads with. */
export function incompleteBanner(results: ResultsFile): string | undefined {
  if (results.run.complete) return undefined;
  return `Incomplete run: it was interrupted or ended before finishing (results.json is its journal, last written ${results.run.finishedAt}); this shows the levels measured until then.`;
}
