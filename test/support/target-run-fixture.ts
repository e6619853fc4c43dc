import { TARGET_SCENARIO_ID } from '../../results/target-scenario.ts';
import type { CompletedResult, ResultsFile } from '../../results/types.ts';
import { completedResult, resultsFile, scenarioResults } from './results-fixture.ts';

const THRESHOLDS = ['p99<100ms', 'errors<1%', 'throughput>200/s'];

/** A level against the user's service: no ideal (no server model), Little's law instead, and a few errors. */
function targetLevel(runner: string, concurrency: number, goodput: number): CompletedResult {
  return completedResult(runner, concurrency, goodput, {
    idealWallMs: undefined,
    idealLimitedBy: undefined,
    boundWallMs: undefined,
    boundLimitedBy: undefined,
    efficiency: undefined,
    overheadMs: undefined,
    littleThroughput: goodput * 1.02,
    errors: { total: 2, byKind: { timeout: 2 } },
    errorRate: 0.02,
    attempts: { firstTries: 100, retries: 4 },
    sendRate: { requests: goodput * 1.02, attempts: goodput * 1.06 },
    warnings: [{ kind: 'outliers', message: '1 of 3 batches were statistical outliers' }],
  });
}

/** A --target run as bench writes it: one `target` scenario, every level checked against three thresholds. */
export function targetRun(): ResultsFile {
  const results = [
    ...['sequential', 'promise-concurrent', 'worker-threads', 'child-process'].flatMap((runner) =>
      (runner === 'sequential' ? [1] : [1, 4, 16]).map((level) => targetLevel(runner, level, 40 * level)),
    ),
    { ...targetLevel('promise-concurrent', 16, 600), limiter: 'gradient2' as const, label: 'promise-concurrent/gradient2 1x16' },
  ];
  const thresholds = THRESHOLDS.map((expression) => ({
    expression,
    // Every threshold broke at 16 in flight: the limit is 4, a level the thresholds allow.
    results: results.map((result) => ({
      runner: result.runner,
      ...(result.limiter === undefined ? {} : { limiter: result.limiter }),
      concurrency: result.concurrency,
      value: 1,
      pass: result.concurrency < 16,
    })),
  }));
  const base = resultsFile([
    scenarioResults({ id: TARGET_SCENARIO_ID, title: 'Your service: GET http://127.0.0.1:8080/', results, thresholds }),
  ]);
  return {
    ...base,
    run: { ...base.run, target: { url: 'http://127.0.0.1:8080/', method: 'GET', headers: {}, remote: false } },
  };
}
