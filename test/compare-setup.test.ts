import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRuns } from '../harness/compare/compare-runs.ts';
import type { ResultsFile, ScenarioResults } from '../results/types.ts';
import { renderComparisonConsole } from '../reports/compare/console.ts';
import { renderComparisonHtml } from '../reports/compare/html.ts';
import { renderComparisonMarkdown } from '../reports/compare/markdown.ts';
import { resultsFile, scenarioResults } from './support/results-fixture.ts';

const FILES = { base: 'a.json', current: 'b.json' };

function twoScenarios(change: (scenario: ScenarioResults) => ScenarioResults = (s) => s): ResultsFile {
  return resultsFile([scenarioResults(), scenarioResults({ id: 'cpu-bound', title: 'CPU-bound' })].map(change));
}

function withWorkload(scenario: ScenarioResults, workload: Partial<ScenarioResults['workload']>): ScenarioResults {
  return { ...scenario, workload: { ...scenario.workload, ...workload } };
}

test('the same set-up is one line, first', () => {
  const text = renderComparisonConsole(compareRuns(twoScenarios(), twoScenarios()));
  assert.match(text, /^Same set-up: client, seed, profile, workloads, machine and tool version match\.\n\n/);
});

test('a changed client and seed are named first, once for every scenario they changed in', () => {
  const base = twoScenarios();
  const current = twoScenarios((s) =>
    withWorkload(s, {
      client: { ...s.workload.client, kind: 'fetch', pipelining: 4 },
      server: { ...s.workload.server, seed: 7 },
    }),
  );
  const comparison = compareRuns(base, current);
  assert.deepEqual(comparison.setup.differences, [
    { setting: 'client.kind', scope: 'every scenario', base: 'undici', current: 'fetch' },
    { setting: 'client.pipelining', scope: 'every scenario', base: '1', current: '4' },
    { setting: 'server.seed', scope: 'every scenario', base: '1', current: '7' },
  ]);
  const lines = [
    'Set-up differs in 3 settings (base → new): a change below may come from the set-up, not from the code.',
    '  client.kind: undici → fetch (every scenario)',
    '  client.pipelining: 1 → 4 (every scenario)',
    '  server.seed: 1 → 7 (every scenario)',
  ].join('\n');
  assert.ok(renderComparisonConsole(comparison).startsWith(`${lines}\n`));
  assert.match(renderComparisonMarkdown(comparison, FILES), /^- client\.kind: undici → fetch \(every scenario\)$/m);
  assert.match(
    renderComparisonHtml(comparison, FILES),
    /<div class="setup differs" id="setup"><strong>Set-up differs in 3 settings [^<]*<\/strong>\n<ul><li>client\.kind: undici → fetch \(every scenario\)<\/li>/,
  );
});

test('workload, profile, machine and tool differences are named with their scope', () => {
  const base = twoScenarios();
  const changed = twoScenarios((s) => (s.id === 'cpu-bound' ? withWorkload(s, { requests: 400, iterations: 10 }) : s));
  const current: ResultsFile = {
    ...changed,
    tool: { ...changed.tool, version: '0.2.0' },
    environment: { ...changed.environment, cores: 4, node: '22.1.0', packages: { undici: '7.1.0' }, gitCommit: 'abc1234' },
    run: { ...changed.run, profile: 'article' },
  };
  const lines = compareRuns(base, current).setup.differences.map(
    (d) => `${d.setting} ${typeof d.scope === 'string' ? d.scope : d.scope.scenario}: ${d.base} → ${d.current}`,
  );
  assert.deepEqual(lines, [
    'profile run: quick → article',
    'requests cpu-bound: 100 → 400',
    'iterations cpu-bound: 3 → 10',
    'cores machine: 2 → 4',
    'node machine: 20.0.0 → 22.1.0',
    'version tool: 0.0.0-test → 0.2.0',
    'gitCommit tool: unknown → abc1234',
    'packages.undici tool: 7.0.0 → 7.1.0',
  ]);
});

test('the measured host figures are not set-up; an interrupted run is said', () => {
  const base = twoScenarios();
  const current = twoScenarios((s) => withWorkload(s, { host: { roundTripFloorMs: 0.5, bytesPerMs: 10 } }));
  const partial: ResultsFile = { ...current, run: { ...current.run, complete: false } };
  const comparison = compareRuns(base, partial);
  assert.deepEqual(comparison.setup, { differences: [], incomplete: ['new'] });
  assert.match(
    renderComparisonConsole(comparison),
    /^Same set-up: .*\nThe new run was interrupted: only what was measured before the stop is compared\.\n/,
  );
});
