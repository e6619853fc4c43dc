import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARTICLE_GROUPS, ARTICLE_ROWS, articlesComparison } from '../reports/articles-comparison.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import type { CompletedResult } from '../results/types.ts';
import { completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';

function articleTable(results: CompletedResult[]) {
  const scenario = scenarioResults({ id: 'article-table', title: "The articles' table", results });
  const file = resultsFile([scenario]);
  return { table: articlesComparison(scenario, file.runners, file.environment), file };
}

const NODE = [
  completedResult('sequential', 1, 50),
  completedResult('promise-concurrent', 100, 4000),
  completedResult('worker-threads', 100, 2000),
  completedResult('child-process', 100, 2500),
];

/** The articles' own Python models as another branch will measure them: their facts say Python and which approach. */
const PYTHON = [
  completedResult('python-sequential', 1, 40),
  completedResult('python-threading', 10, 400),
  completedResult('python-multiprocessing', 4, 150),
  completedResult('python-asyncio', 100, 3000),
];

test("three groups at 1,000 requests: the articles' quoted figures, Python measured here, Node measured here", () => {
  const { table } = articleTable([...NODE, ...PYTHON]);
  assert.deepEqual(table.headers, ['Approach', 'Figures', 'Model', 'Level', 'Time for 1,000', 'Goodput']);
  assert.deepEqual(
    table.rows.map((row) => [row[0], row[1], row[2], row[4]]),
    [
      ['Sequential', ARTICLE_GROUPS[0], '', '16 s'],
      ['Threading', ARTICLE_GROUPS[0], '', '6 s'],
      ['Multiprocessing', ARTICLE_GROUPS[0], '', '5 s'],
      ['Asyncio', ARTICLE_GROUPS[0], '', '3 s'],
      ['Sequential', ARTICLE_GROUPS[1], 'python-sequential', '25.0 s'],
      ['Threading', ARTICLE_GROUPS[1], 'python-threading', '2.50 s'],
      ['Multiprocessing', ARTICLE_GROUPS[1], 'python-multiprocessing', '6.67 s'],
      ['Asyncio', ARTICLE_GROUPS[1], 'python-asyncio', '333 ms'],
      ['Sequential', ARTICLE_GROUPS[2], 'sequential', '20.0 s'],
      ['Threading', ARTICLE_GROUPS[2], 'worker-threads', '500 ms'],
      ['Multiprocessing', ARTICLE_GROUPS[2], 'child-process', '400 ms'],
      ['Asyncio', ARTICLE_GROUPS[2], 'promise-concurrent', '250 ms'],
    ],
  );
  assert.deepEqual(table.groups, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  assert.equal(table.notes.length, 1, 'nothing left out, nothing to say how to get');
  assert.match(table.notes[0] ?? '', /mean latency 16\.0 ms; Test CPU <b>bold<\/b>, 2 cores, Node 20\.0\.0/);
  assert.equal(ARTICLE_ROWS.length, 4);
});

test('groups and approaches absent from the run are left out with one line saying how to get them', () => {
  const { table, file } = articleTable([NODE[0] as CompletedResult, NODE[1] as CompletedResult, NODE[2] as CompletedResult]);
  assert.deepEqual(
    table.rows.map((row) => row[1]),
    [...ARTICLE_ROWS.map(() => ARTICLE_GROUPS[0]), ARTICLE_GROUPS[2], ARTICLE_GROUPS[2], ARTICLE_GROUPS[2]],
  );
  assert.deepEqual(table.notes.slice(1), [
    'Python, measured here: none in this run; add its runners to --runners (`npm run bench -- --help` lists every runner).',
    'Node.js, measured here: no Multiprocessing row in this run; add its runners to --runners (`npm run bench -- --help` lists every runner).',
  ]);
  const markdown = renderMarkdown(file);
  assert.match(markdown, /\| Threading \| the articles \(quoted\) \| {2}\| {2}\| 6 s \| 167 req\/s \|/);
  assert.match(
    markdown,
    /> Python, measured here: none in this run; add its runners to --runners \(`npm run bench -- --help` lists every runner\)\./,
  );
  const overview = markdown.indexOf('## Overview');
  assert.ok(overview >= 0 && overview < markdown.indexOf("## The articles' table"), 'the overview comes first');
});

test('each measured model is shown at its limit from results.json, not at a level the report picked', () => {
  const { table } = articleTable([
    completedResult('promise-concurrent', 50, 3900),
    completedResult('promise-concurrent', 100, 4000),
    completedResult('python-asyncio', 100, 3000),
  ]);
  const node = table.rows.find((row) => row[2] === 'promise-concurrent');
  assert.equal(node?.[3], 'promise-concurrent 1x50', '3,900 is within 95% of 4,000: the smaller level is the limit');
  assert.equal(node?.[4], '256 ms');
});
