import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadResultsFile } from '../results/load.ts';
import { SCHEMA_VERSION } from '../results/types.ts';
import { allRunnersResults, completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';
import { runCli } from './support/run-cli.ts';

describe('npm run report: re-renders a report from results.json alone', () => {
  let dir = '';
  let source = '';
  const results = resultsFile([scenarioResults({ results: allRunnersResults() })]);
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-report-cli-'));
    source = path.join(dir, 'results.json');
    // No undefined-valued keys, as a real run writes them (JSON drops them); the loader must accept that.
    await writeFile(source, `${JSON.stringify(results, null, 2)}\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('writes index.html, summary.md and the PNGs to --out and copies results.json as it was', async () => {
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = await runCli('report.ts', [source, '--out', out], { timeoutMs: 60_000 });
    assert.equal(code, 0, stderr);
    assert.ok(stdout.includes(path.join(out, 'index.html')));
    assert.deepEqual((await readdir(out)).sort(), ['charts', 'index.html', 'results.json', 'summary.md']);
    assert.equal((await readdir(path.join(out, 'charts'))).length, 6);
    assert.equal(await readFile(path.join(out, 'results.json'), 'utf8'), await readFile(source, 'utf8'));
    assert.match(await readFile(path.join(out, 'summary.md'), 'utf8'), /promise-concurrent was fastest/);
  });

  test('the loader returns the contract; keys JSON dropped read as undefined', async () => {
    const loaded = await loadResultsFile(source);
    assert.deepEqual(JSON.parse(JSON.stringify(loaded)), JSON.parse(JSON.stringify(results)));
    const first = loaded.scenarios[0]?.results[0];
    assert.ok(first?.state === 'completed' && first.clientSaturated === undefined);
  });

  const badFiles: [string, string, RegExp][] = [
    [
      'old.json',
      JSON.stringify({ ...results, schemaVersion: 1 }),
      new RegExp(`to be a results\\.json of schema version ${SCHEMA_VERSION}, got \`1\``),
    ],
    ['not-json.json', 'hello', /to be a results\.json or tune\.json file, got text that is not JSON/],
    [
      'wrong-field.json',
      JSON.stringify(resultsFile([scenarioResults({ results: [{ ...completedResult('sequential', 1, 55), concurrency: 0 }] })])),
      /wrong-field\.json: Expected `scenarios\[0\]\.results\[0\]\.concurrency` to be a number >= 1, got `0`/,
    ],
  ];
  for (const [name, content, expected] of badFiles) {
    test(`${name}: one line, exit 2`, async () => {
      const file = path.join(dir, name);
      await writeFile(file, content);
      const { code, stdout, stderr } = await runCli('report.ts', [file, '--out', path.join(dir, 'never')], { timeoutMs: 30_000 });
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(stderr, expected);
    });
  }

  test('a missing file or argument: one line, exit 2', async () => {
    const missing = await runCli('report.ts', [path.join(dir, 'nope.json')], { timeoutMs: 30_000 });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^Cannot read results\.json or tune\.json file `.*nope\.json` \(ENOENT\)\n$/);
    const none = await runCli('report.ts', [], { timeoutMs: 30_000 });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /missing required argument/);
  });
});
