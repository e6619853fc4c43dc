import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { silentProgress } from '../harness/progress.ts';
import { runSuite } from '../harness/bench/run-suite.ts';
import { renderConsole } from '../reports/console.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import type { ResultsFile } from '../results/types.ts';
import { measureBusyRate } from '../runners/busy-rate.ts';
import { registerRunner } from '../runners/registry.ts';
import { findScenario } from '../scenarios/registry.ts';
import { resolveScenario, runSettings } from '../scenarios/resolve.ts';
import { FAKE_RUNNER, FAKE_RUNNER_ID } from './support/fake-runner.ts';

describe('a runner registered through the registry alone appears in every report', () => {
  let results: ResultsFile | undefined;

  before(async () => {
    registerRunner(FAKE_RUNNER);
    const settings = runSettings({
      runners: ['promise-concurrent', FAKE_RUNNER_ID],
      overrides: { requests: 24, concurrency: [4], iterations: 2, warmupIterations: 1, latencyMs: 5 },
      seed: 7,
      threads: 1,
      processes: 1,
    });
    // A real suite: the mock server in its own process, each model in a model host of its own.
    results = await runSuite({
      plans: [resolveScenario(findScenario('io-bound'), settings)],
      profile: 'quick',
      seed: 7,
      progress: silentProgress,
      signal: new AbortController().signal,
      busyRate: measureBusyRate(),
      threads: 1,
      processes: 1,
    });
  });

  const measured = (): ResultsFile => {
    if (!results) throw new Error('the suite did not run');
    return results;
  };

  test('the run measured it and results.json carries its registry facts', () => {
    const file = measured();
    const rows = file.scenarios[0]?.results ?? [];
    assert.deepEqual(
      rows.map((row) => [row.runner, row.state]),
      [
        ['promise-concurrent', 'completed'],
        [FAKE_RUNNER_ID, 'completed'],
      ],
    );
    const facts = file.runners.find((runner) => runner.id === FAKE_RUNNER_ID);
    assert.deepEqual(facts && [facts.colour, facts.runsOn, facts.workerNouns], ['#c71585', 'threads', ['fakelet', 'fakelets']]);
  });

  test('the console and summary.md show its row and speak of it in its own nouns', () => {
    const spread = /fake-pool \(1 fakelet of 4 lanes\) (was|added nothing)/;
    const text = renderConsole(measured());
    assert.match(text, /│ fake-pool 1x4/);
    assert.match(text, spread);
    const markdown = renderMarkdown(measured());
    assert.match(markdown, /^\| fake-pool 1x4 /m);
    assert.match(markdown, spread);
  });

  test('index.html shows its row and conclusion, and draws it in its own colour', () => {
    const document = parseDocument(renderHtml(measured()));
    const rowHeaders = DomUtils.findAll((element) => element.name === 'th' && element.attribs.scope === 'row', document.children).map(
      (th) => DomUtils.textContent(th),
    );
    // Two iterations: its row carries the few-iterations warning's marker after its name.
    assert.ok(
      rowHeaders.some((header) => header.startsWith('fake-pool 1x4')),
      JSON.stringify(rowHeaders),
    );
    const conclusion = DomUtils.findOne((element) => element.attribs.class === 'conclusion', document.children);
    assert.match(conclusion ? DomUtils.textContent(conclusion) : '', /fake-pool \(1 fakelet of 4 lanes\)/);
    const data = DomUtils.findOne((element) => element.attribs.id === 'chart-specs', document.children);
    const specs = JSON.parse(data ? DomUtils.textContent(data) : '[]') as {
      id: string;
      config: { data: { labels?: string[]; datasets: { label?: string; backgroundColor?: unknown; borderColor?: unknown }[] } };
    }[];
    const goodput = specs.find((spec) => spec.id === 'io-bound-throughput');
    const bars = goodput?.config.data.datasets[0]?.backgroundColor;
    assert.deepEqual(
      [goodput?.config.data.labels, bars],
      [
        ['promise-concurrent 1x4', 'fake-pool 1x4'],
        ['#1f77b4', '#c71585'],
      ],
    );
    const line = specs.find((spec) => spec.id === 'io-bound-scaling')?.config.data.datasets.find((d) => d.label === FAKE_RUNNER_ID);
    assert.equal(line?.borderColor, '#c71585');
  });
});
