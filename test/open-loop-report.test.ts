import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scenarioCharts } from '../reports/chart-configs.ts';
import { renderConsole } from '../reports/console.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { kneeNotes, openLoopResults, openLoopTable } from '../reports/open-loop-table.ts';
import { resultsFileSchema } from '../results/schema.ts';
import type { CompletedResult } from '../results/types.ts';
import type { RunnerId } from '../runners/types.ts';
import { sustains } from '../harness/open-loop/sustained.ts';
import { allRunnersResults, completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

/** An open-loop level: offered `rate`, `achieved`, p99 from the intended start `p99`, service p99 25 ms. */
function openResult(runner: RunnerId, rate: number, achieved: number, p99: number): CompletedResult {
  const latency = { p50: p99 / 2, p90: p99 * 0.9, p99, p999: p99, max: p99, min: 20, mean: p99 / 2 };
  return completedResult(runner, 256, achieved, {
    label: `${runner} 1x256 @ ${rate}/s`,
    latencyMs: latency,
    serviceLatencyMs: { ...latency, p50: 21, p99: 25 },
    idealWallMs: undefined,
    efficiency: undefined,
    arrival: {
      offeredRate: rate,
      achievedRate: achieved,
      kind: 'constant',
      durationMs: 5000,
      sent: achieved * 5,
      dropped: 0,
      expired: 0,
      late: 3,
      queueHighWater: 0,
      // As the harness writes it for the fixture's 16 ms scenario: SLO max(100, 20 x 16) = 320 ms.
      sloP99Ms: 320,
      sustained: sustains({ offeredRate: rate, achievedRate: achieved, p99Ms: p99, errorRate: 0 }, { p99Ms: 320, maxErrorRate: 0.01 }),
    },
  });
}

const CONTEXT = { cores: 2, runners: resultsFile([scenarioResults({ results: allRunnersResults() })]).runners };

const OPEN = [
  openResult('promise-concurrent', 500, 500, 30),
  openResult('promise-concurrent', 1000, 1000, 35),
  openResult('promise-concurrent', 2000, 1590, 1400),
];

describe('open-loop reports', () => {
  test('the open-loop table has the offered, achieved and both latencies; a knee note per model', () => {
    const scenario = scenarioResults({ results: OPEN });
    const table = openLoopTable(scenario);
    assert.ok(table);
    assert.deepEqual(table.rows[2]?.slice(1, 3), ['2,000 req/s', '1,590 req/s']);
    assert.equal(table.rows.length, 3);
    // SLO for 16 ms: max(100, 20 x 16) = 320 ms. 1,000/s kept up; 2,000/s broke it.
    assert.deepEqual(kneeNotes(openLoopResults(scenario)), [
      'promise-concurrent: kept up to 1,000 req/s (p99 35.0 ms from intended start); at 2,000 req/s it sent 1,590 req/s with p99 1.40 s from intended start but 25.0 ms of service.',
    ]);
  });

  test('the hockey stick is drawn only where open-loop results exist; closed-loop charts skip those rows', () => {
    const closed = scenarioCharts(scenarioResults(), CONTEXT).map((chart) => chart.id);
    assert.ok(!closed.some((id) => id.endsWith('hockey-stick')));
    const open = scenarioCharts(scenarioResults({ results: OPEN }), CONTEXT).map((chart) => chart.id);
    assert.deepEqual(open, ['io-bound-hockey-stick']);
    const mixed = scenarioCharts(scenarioResults({ results: [...scenarioResults().results, ...OPEN] }), CONTEXT);
    assert.equal(mixed.at(-1)?.id, 'io-bound-hockey-stick');
    assert.ok(mixed.length > 1);
  });

  test('console and Markdown print the open-loop table; the file with open-loop fields passes the schema', () => {
    const file = resultsFile([scenarioResults({ results: OPEN })]);
    assert.match(renderConsole(file), /p99 from intended/);
    assert.match(renderMarkdown(file), /\| Approach \| Offered \| Achieved \| Dropped \| Late \|/);
    assert.doesNotThrow(() => resultsFileSchema.parse(JSON.parse(JSON.stringify(file))));
  });
});
