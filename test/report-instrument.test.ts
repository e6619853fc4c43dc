import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { renderConsole } from '../reports/console.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { resultsTable } from '../reports/results-table.ts';
import type { ScenarioResults } from '../results/types.ts';
import { completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

const MIB = 1024 * 1024;

/** One row of each thing the instrument says about itself. */
const scenario: ScenarioResults = scenarioResults({
  results: [
    completedResult('sequential', 1, 55, {
      efficiency: undefined,
      idealInvalid: { reason: 'the batches took 152.0 ms, 21.9% less than the exact ideal' },
      server: { maxInFlight: 1, served: 300, latenessMs: { p50: 0.1, p99: 0.8, max: 2 } },
    }),
    completedResult('promise-concurrent', 10, 540, {
      efficiency: 1.012,
      server: { maxInFlight: 10, served: 300, latenessMs: { p50: 0.2, p99: 1.5, max: 3 } },
      memory: { peakRssBytes: 90 * MIB, mainPeakRssBytes: 90 * MIB, workersPeakRssBytes: [], baselineRssBytes: 82 * MIB },
      warnings: [{ kind: 'first-iteration-outlier', message: 'the first measured batch took 430.0 ms against a median of 133.2 ms' }],
    }),
    completedResult('worker-threads', 10, 530, {
      server: { maxInFlight: 10, served: 300, latenessMs: { p50: 4, p99: 38, max: 60 }, cpuCores: 0.95, stealShare: 0.03 },
      warnings: [{ kind: 'host-bound-tail', message: 'the server answered 38 ms late at p99' }],
    }),
  ],
});

const table = resultsTable(scenario, resultsFile([scenario]).runners);
const cell = (row: number, header: string): string => table.rows[row]?.[table.headers.indexOf(header)] ?? `no ${header}`;

test('an ideal the run beat is "ideal invalid" with its reason; no efficiency is ever above 100%', () => {
  assert.equal(cell(0, 'Efficiency'), 'ideal invalid');
  assert.ok(
    table.notes.includes('sequential 1x1: ideal invalid: the batches took 152.0 ms, 21.9% less than the exact ideal.'),
    table.notes.join('\n'),
  );
  assert.equal(cell(1, 'Efficiency'), '~100%', 'within the 2% tolerance, not 101%');
  assert.ok(!table.rows.some((row) => row.some((value) => /^1\d\d%/.test(value))));
  assert.equal(table.best[0]?.[table.headers.indexOf('Efficiency')], false, 'an invalid ideal is never the best efficiency');
});

test("the server's lateness p99 stands beside each row's p99; a host-bound tail is marked with the server's CPU and steal", () => {
  assert.equal(table.headers.indexOf('Server late p99'), table.headers.indexOf('p99') + 1);
  assert.deepEqual(
    [0, 1, 2].map((row) => cell(row, 'Server late p99')),
    ['0.8 ms', '1.5 ms', '38.0 ms'],
  );
  assert.equal(cell(2, 'p99'), '18.0 ms †');
  assert.ok(
    table.warnings.includes(
      '† worker-threads 1x10: host-bound tail: the server, not the model, made part of this tail (server CPU 0.95 cores, steal 3.0%); the server answered 38 ms late at p99',
    ),
    table.warnings.join('\n'),
  );
  const plain = resultsTable(scenarioResults(), resultsFile().runners);
  assert.ok(!plain.headers.includes('Server late p99'), 'no column where the server said nothing');
});

test('memory is the peak with what holding the level in flight cost above the idle host', () => {
  assert.equal(cell(1, 'Memory (+ in flight)'), '90.0 MiB (+8.0 MiB)');
  assert.equal(cell(0, 'Memory (+ in flight)'), '80.0 MiB', 'no idle figure, no claim');
});

test('warnings: a marker on the row and the lines under the table in the console; a list per scenario in HTML', () => {
  assert.equal(cell(1, 'Approach'), 'promise-concurrent 1x10 !');
  assert.equal(cell(2, 'Approach'), 'worker-threads 1x10', 'a host-bound tail is marked at its p99 instead');
  const file = resultsFile([scenario]);
  const text = renderConsole(file);
  assert.match(text, /^! promise-concurrent 1x10: the first measured batch took 430\.0 ms against a median of 133\.2 ms$/m);
  assert.match(text, /^† worker-threads 1x10: host-bound tail: the server, not the model, made part of this tail/m);
  const document = parseDocument(renderHtml(file));
  const section = DomUtils.findOne((element) => element.attribs.id === 'scenario-io-bound', document.children);
  assert.ok(section);
  const list = DomUtils.findOne((element) => element.attribs.class === 'warnings', section.children);
  assert.ok(list, 'a warnings list in the scenario section');
  assert.deepEqual(
    DomUtils.findAll((element) => element.name === 'li', list.children).map((li) => DomUtils.textContent(li).slice(0, 28)),
    ['! promise-concurrent 1x10: t', '† worker-threads 1x10: host-'],
  );
  assert.match(renderMarkdown(file), /\*\*Warnings\*\*\n\n- ! promise-concurrent 1x10: /);
});
