import type { ResultsFile, RunnerResult, ScenarioResults } from '../../results/types.ts';
import { bestLevels } from '../bench/best-level.ts';
import { levelSetsInFlight } from '../measure/level-sets-in-flight.ts';
import { scenarioVerdict } from '../bench/scenario-verdict.ts';
import { mergeCompleted, mergeFailed } from './merge-rows.ts';
import { segmentSet, type SegmentFile } from './segment-set.ts';

/** A row's level in the whole run: runner, limiter, the whole level's concurrency and rate. */
function levelKey(row: RunnerResult): string {
  const level = row.segmentLevel ?? { concurrency: row.concurrency };
  return JSON.stringify([row.runner, row.limiter ?? null, level.concurrency, level.rate ?? null]);
}

function mergeScenario(parts: readonly ScenarioResults[]): ScenarioResults {
  const [first] = parts;
  if (first === undefined) throw new RangeError('Expected at least one segment, got none');
  const keys = [...new Set(parts.flatMap((part) => part.results.map(levelKey)))];
  const results = keys.map((key): RunnerResult => {
    const rows = parts.map((part) => part.results.find((row) => levelKey(row) === key));
    const failedIn = rows.flatMap((row, index) => (row === undefined || row.state === 'failed' ? [index + 1] : []));
    const present = rows.filter((row) => row !== undefined);
    const completed = present.filter((row) => row.state === 'completed');
    return failedIn.length > 0 ? mergeFailed(present, failedIn) : mergeCompleted(completed);
  });
  const verdict = scenarioVerdict(results);
  const best = bestLevels(results, [], levelSetsInFlight);
  const partial = parts.some((part) => part.partial === true);
  const { thresholds: _thresholds, ...header } = first;
  return {
    ...header,
    results,
    verdict,
    ...(partial ? { partial } : {}),
    ...(best.length === 0 ? {} : { bestLevels: best }),
  };
}

/**
 * One results.json from the segments of a split run, as if one machine had sent every request: the files are
 * checked to fit together (segment-set.ts), each level's rows merged exactly (merge-rows.ts), and the verdicts and
 * limits computed again from the merged rows.
 */
export function mergeSegments(files: readonly SegmentFile[]): ResultsFile {
  const segments = segmentSet(files).map((entry) => entry.results);
  const [first] = segments;
  if (first === undefined) throw new RangeError('Expected at least one segment, got none');
  const scenarios = first.scenarios.map((scenario, index) =>
    mergeScenario(segments.map((segment) => segment.scenarios[index] ?? { ...scenario, results: [] })),
  );
  const runners = [...new Map(segments.flatMap((segment) => segment.runners).map((facts) => [facts.id, facts])).values()];
  const { segment: _segment, ...run } = first.run;
  return {
    ...first,
    runners,
    run: {
      ...run,
      startedAt: segments.map((segment) => segment.run.startedAt).sort()[0] ?? run.startedAt,
      finishedAt:
        segments
          .map((segment) => segment.run.finishedAt)
          .sort()
          .at(-1) ?? run.finishedAt,
      complete: segments.every((segment) => segment.run.complete),
      mergedSegments: segments.length,
    },
    scenarios,
  };
}
