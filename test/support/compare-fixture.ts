import type { CompletedResult, ResultsFile, RunnerResult } from '../../results/types.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import type { RunnerId } from '../../runners/types.ts';
import { measuredResult, resultsFile, scenarioResults } from './results-fixture.ts';

/** Throughput samples of a row: mean, sample stdev and iterations. */
export interface Sample {
  readonly mean: number;
  readonly stdev: number;
  readonly n: number;
}

/** A completed row as a run with `--limiter` and `--arrival-rate` records it: the limiter and rate in its label too. */
export function row(
  runner: RunnerId,
  concurrency: number,
  sample: Sample,
  options: { readonly limiter?: LimiterId; readonly rate?: number; readonly layout?: string } = {},
): CompletedResult {
  const base = measuredResult(runner, concurrency, sample);
  const label = options.limiter === undefined ? runner : `${runner}/${options.limiter}`;
  const layout = options.layout ?? `1x${concurrency}`;
  const [workers = 1, lanes = concurrency] = layout.split('x').map(Number);
  const rate = options.rate;
  return {
    ...base,
    layout: { workers, lanes, inFlight: concurrency },
    ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
    label: `${label} ${layout}${rate === undefined ? '' : ` @ ${rate}/s`}`,
    ...(rate === undefined
      ? {}
      : {
          arrival: {
            offeredRate: rate,
            achievedRate: rate,
            kind: 'constant',
            durationMs: 2000,
            sent: rate * 2,
            dropped: 0,
            expired: 0,
            late: 0,
            queueHighWater: 0,
            sloP99Ms: 320,
            sustained: true,
          },
        }),
  };
}

/** A run of one scenario (io-bound) holding these rows. */
export function runOf(results: readonly RunnerResult[]): ResultsFile {
  return resultsFile([scenarioResults({ results })]);
}
