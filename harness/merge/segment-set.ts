import { UsageError } from '../../common/usage-error.ts';
import type { ResultsFile } from '../../results/types.ts';

/** One segment's results.json, with the file it came from (for the one-line refusals). */
export interface SegmentFile {
  readonly file: string;
  readonly results: ResultsFile;
}

function workloadKey(results: ResultsFile): string {
  // What the segments must share: the scenarios and what each asked of the service, not what each host measured.
  return JSON.stringify(
    results.scenarios.map((scenario) => {
      const { host: _host, ...workload } = scenario.workload;
      return [scenario.id, workload];
    }),
  );
}

/**
 * Refuses, in one line each, runs that do not fit together: a file that is not a segment, different segment counts,
 * a duplicate or missing segment, another seed, other scenarios or workloads, another target. Returns the files in
 * segment order.
 */
export function segmentSet(files: readonly SegmentFile[]): SegmentFile[] {
  if (files.length === 0) throw new UsageError('Expected at least one results.json of a segmented run, got none');
  for (const { file, results } of files) {
    if (results.run.segment === undefined) {
      throw new UsageError(`Expected \`${file}\` to be one segment of a split run (run with --segment i/N), got a whole run`);
    }
  }
  const [first, ...rest] = files;
  if (first === undefined) throw new UsageError('Expected at least one results.json, got none');
  const count = first.results.run.segment?.count ?? 0;
  const bySegment = new Map<number, SegmentFile>();
  for (const entry of files) {
    const segment = entry.results.run.segment;
    if (segment?.count !== count) {
      throw new UsageError(
        `Expected every segment to be one of ${count} (as \`${first.file}\`), got ${segment?.index}/${segment?.count} in \`${entry.file}\``,
      );
    }
    const twin = bySegment.get(segment.index);
    if (twin)
      throw new UsageError(
        `Expected each segment once, got segment ${segment.index}/${count} twice: \`${twin.file}\` and \`${entry.file}\``,
      );
    bySegment.set(segment.index, entry);
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !bySegment.has(index));
  if (missing.length > 0) {
    throw new UsageError(`Expected all ${count} segments, got no segment ${missing.map((index) => `${index}/${count}`).join(', ')}`);
  }
  for (const entry of rest) {
    if (entry.results.run.seed !== first.results.run.seed) {
      throw new UsageError(
        `Expected every segment to have ${seedOf(first.results.run.seed)} (as \`${first.file}\`), got ${seedOf(entry.results.run.seed)} in \`${entry.file}\``,
      );
    }
    if (workloadKey(entry.results) !== workloadKey(first.results)) {
      throw new UsageError(
        `Expected every segment to run the same scenarios and workloads as \`${first.file}\`, got others in \`${entry.file}\``,
      );
    }
    if (entry.results.run.target?.url !== first.results.run.target?.url) {
      throw new UsageError(
        `Expected every segment to target ${first.results.run.target?.url ?? 'the same service'}, got ${entry.results.run.target?.url ?? 'none'} in \`${entry.file}\``,
      );
    }
  }
  return [...bySegment.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
}

/** A run's seed as its command line gave it: without --seed, each scenario keeps its own. */
function seedOf(seed: number | undefined): string {
  return seed === undefined ? "no --seed (each scenario's own seed)" : `--seed ${seed}`;
}
