import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UsageError } from '../common/usage-error.ts';
import { loadTuneFile } from '../results/load-tune.ts';
import { renderTuneConsole } from '../reports/tune/console.ts';
import { fitted } from './support/tune-fixture.ts';
import { runCli } from './support/run-cli.ts';

/** The same file as tune.json version 4 wrote it: `limits`, `meetsLimits`, `shape`, no runners' facts. */
function asVersion4(): Record<string, unknown> {
  const { slo, runners: _runners, recommendations, points, ...rest } = fitted;
  return {
    ...rest,
    schemaVersion: 4,
    limits: { sloP99Ms: slo.p99Ms, maxErrorRate: slo.maxErrorRate },
    recommendations: recommendations.map(({ meetsSlo, ...entry }) => ({ ...entry, meetsLimits: meetsSlo })),
    points: points.map(({ label, ...point }) => ({ ...point, shape: label })),
  };
}

describe('tune.json: a contract with a schema and a loader', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-tune-load-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('a current file loads as written', async () => {
    const file = path.join(dir, 'current.json');
    await writeFile(file, JSON.stringify(fitted));
    assert.deepEqual(JSON.parse(JSON.stringify(await loadTuneFile(file))), JSON.parse(JSON.stringify(fitted)));
  });

  test('a version 4 file reads as the current one: slo, meetsSlo, label and the runners from the registry', async () => {
    const file = path.join(dir, 'v4.json');
    await writeFile(file, JSON.stringify(asVersion4()));
    const loaded = await loadTuneFile(file);
    assert.deepEqual(loaded.slo, fitted.slo);
    assert.equal(loaded.recommendations[0]?.meetsSlo, true);
    assert.equal(loaded.points[0]?.label, fitted.points[0]?.label);
    assert.deepEqual(
      loaded.runners.map((facts) => facts.id),
      ['promise-concurrent'],
    );
  });

  test('a wrong version, kind or field is one line naming the file', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['old.json', { ...fitted, schemaVersion: 2 }, /tune\.json of schema version 3 to \d+, got `2`/],
      ['results.json', { schemaVersion: 3, scenarios: [] }, /tune\.json of schema version/],
      ['broken.json', { ...fitted, slo: { p99Ms: 'fast' } }, /broken\.json: .*slo\.p99Ms/],
    ];
    for (const [name, json, expected] of cases) {
      const file = path.join(dir, name);
      await writeFile(file, JSON.stringify(json));
      await assert.rejects(loadTuneFile(file), (error: unknown) => error instanceof UsageError && expected.test(error.message));
    }
  });

  test('npm run report re-renders tune.html and its charts from a tune.json alone', async () => {
    const source = path.join(dir, 'tune.json');
    await writeFile(source, `${JSON.stringify(fitted, null, 2)}\n`);
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = await runCli('report.ts', [source, '--out', out], { timeoutMs: 60_000 });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /tune\.html/);
    assert.deepEqual((await readdir(out)).sort(), ['charts', 'tune.html', 'tune.json']);
    assert.match(await readFile(path.join(out, 'tune.html'), 'utf8'), /promise-concurrent: 36 in flight/);
  });
});

test("the tune console claims a Little's law check only where the file has the figures for it", () => {
  const lines = (tune: typeof fitted): string[] => renderTuneConsole(tune).split('\n');
  assert.ok(lines(fitted).some((line) => line.startsWith("Little's law check")));
  const before4 = { ...fitted, points: fitted.points.map(({ littleInFlight: _little, ...point }) => point) };
  assert.ok(!lines(before4).some((line) => line.startsWith("Little's law check")));
});
