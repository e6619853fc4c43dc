import type { CompletedResult, ResultsFile, ScenarioResults } from '../../results/types.ts';
import { completedResult, fixtureFacts, resultsFile, scenarioResults } from './results-fixture.ts';

const MIB = 1024 * 1024;

/** A level of a pool runner as the default run measures it: two workers sharing the level, the host's idle RSS below its peak. */
function level(runner: string, concurrency: number, goodput: number, idleMiB: number): CompletedResult {
  const workers = fixtureFacts(runner).runsOn === 'main-loop' ? 1 : 2;
  const lanes = Math.ceil(concurrency / workers);
  const peak = (idleMiB + 4 + concurrency / 8) * MIB;
  return completedResult(runner, concurrency, goodput, {
    label: `${runner} ${workers}x${lanes}`,
    layout: { workers, lanes, inFlight: concurrency },
    iterations: 5,
    memory: { peakRssBytes: peak, mainPeakRssBytes: peak, workersPeakRssBytes: [], baselineRssBytes: idleMiB * MIB },
    warnings: [{ kind: 'little-gap', message: `the client did not keep ${concurrency} in flight` }],
  });
}

function scenario(id: string, title: string, results: CompletedResult[], changes: Partial<ScenarioResults['workload']> = {}) {
  const base = scenarioResults();
  return scenarioResults({ id, title, results, workload: { ...base.workload, ...changes } });
}

/** Each model at one level (and sequential at 1), close enough that three of them tie. */
function oneLevel(concurrency: number, goodput: number): CompletedResult[] {
  return [
    level('sequential', 1, goodput / 20, 67),
    level('promise-concurrent', concurrency, goodput, 80),
    level('worker-threads', concurrency, goodput * 0.99, 110),
    level('child-process', concurrency, goodput * 0.995, 190),
  ];
}

/**
 * The shape of a default `npm run bench` (quick profile, eight scenarios, the four Node runners at the levels the
 * quick profile measures), with the long cells a real run has: three-way ties, every leader's cost, advice.
 */
export function defaultLikeResults(): ResultsFile {
  return resultsFile([
    scenario('article-table', "The articles' table: many requests at 16 ms", oneLevel(30, 1020)),
    scenario('io-bound', 'I/O-bound: many small requests at moderate latency', [
      level('sequential', 1, 27, 77),
      level('promise-concurrent', 10, 324, 72),
      level('promise-concurrent', 40, 1170, 80),
      level('worker-threads', 10, 395, 107),
      level('worker-threads', 40, 1165, 98),
      level('child-process', 10, 386, 187),
      level('child-process', 40, 1172, 186),
    ]),
    scenario('cpu-bound', 'CPU-bound: 5 ms of computation per response', oneLevel(4, 99), { cpuWork: { kind: 'busy', ms: 5 } }),
    scenario('scrape', 'Scrape: fetch pages and parse their HTML', oneLevel(10, 225), { cpuWork: { kind: 'html' } }),
    scenario('tail-latency', 'Tail latency: a long tail of slow responses', oneLevel(30, 749)),
    scenario('flaky-api', 'Flaky API: errors, retries and timeouts', oneLevel(10, 397)),
    scenario(
      'saturating-backend',
      'Saturating backend: a server that serves 32 at once',
      [
        level('sequential', 1, 42, 70),
        level('promise-concurrent', 16, 593, 77),
        level('promise-concurrent', 64, 1451, 90),
        level('worker-threads', 16, 640, 104),
        level('worker-threads', 64, 1447, 105),
        level('child-process', 16, 520, 186),
        level('child-process', 64, 1449, 192),
      ],
      { server: { latencyMs: 20, jitterMs: 0, bodyBytes: 256, seed: 1, capacity: 32 }, meanLatencyMs: 20 },
    ),
    scenario('large-payload', 'Large payload: 1 MiB bodies', oneLevel(8, 485)),
  ]);
}
