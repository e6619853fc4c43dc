import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { ResultsFile } from '../results/types.ts';
import { loadScenarioFile } from '../scenarios/load-file.ts';
import { defaultScenarioIds, scenarios } from '../scenarios/registry.ts';
import { resolveScenario, runSettings } from '../scenarios/resolve.ts';
import { PROFILE_NAMES } from '../scenarios/schema.ts';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { interruptAtThirdLevel } from './support/interrupt.ts';
import { runCli } from './support/run-cli.ts';

// Fixtures are read from the sources: a user's scenario file is never compiled by us.
const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures');
const tempDirs: string[] = [];
after(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-scenarios-'));
  tempDirs.push(dir);
  return dir;
}

describe('built-in scenarios', () => {
  test('the eleven scenarios of the library are there, each with a paragraph on what it teaches', () => {
    assert.deepEqual(
      scenarios.map((s) => s.id),
      [
        'article-table',
        'io-bound',
        'cpu-bound',
        'scrape',
        'tail-latency',
        'flaky-api',
        'rate-limited',
        'saturating-backend',
        'retrograde-backend',
        'shifting-backend',
        'large-payload',
      ],
    );
    for (const scenario of scenarios) assert.ok(scenario.description.length > 80, `${scenario.id} explains itself`);
    assert.deepEqual(
      defaultScenarioIds,
      scenarios.map((s) => s.id).filter((id) => id !== 'rate-limited' && id !== 'shifting-backend' && id !== 'retrograde-backend'),
      'the default minute leaves rate-limited, shifting-backend and retrograde-backend out',
    );
  });

  test('every quick profile measures at least 5 iterations of at least 8 rounds per lane', () => {
    for (const scenario of scenarios) {
      const quick = scenario.profiles.quick;
      assert.ok(quick, `${scenario.id} has a quick profile`);
      assert.ok((quick.iterations ?? scenario.iterations) >= 5, `${scenario.id}: iterations`);
      // shifting-backend's phases count request indices, so it sends a fixed batch: >= 8 per lane at every quick level.
      const perLane = quick.rounds ?? (quick.requests ?? 0) / Math.max(...(quick.concurrency ?? scenario.concurrency));
      assert.ok(perLane >= 8, `${scenario.id}: rounds per lane`);
    }
  });

  test('every profile of every scenario resolves; flags override profile values', () => {
    for (const scenario of scenarios) {
      for (const profile of PROFILE_NAMES) {
        const plan = resolveScenario(scenario, runSettings({ profile, threads: 2, processes: 2 }));
        assert.ok(plan.requests >= 1 && plan.concurrency.length >= 1 && plan.meanLatencyMs >= 0, `${scenario.id}/${profile}`);
      }
      const overridden = resolveScenario(scenario, {
        profile: 'article',
        overrides: { requests: 7, latencyMs: 3 },
        runners: ['sequential'],
        seed: 9,
        threads: 2,
        processes: 2,
        client: {},
        cpuWork: undefined,
      });
      assert.equal(overridden.requests, 7);
      assert.equal(overridden.server.latencyMs, 3);
      assert.equal(overridden.server.seed, 9);
      assert.deepEqual(overridden.runners, ['sequential']);
    }
  });

  test('every built-in runs end to end at a tiny size', async () => {
    const out = await tempDir();
    const every = scenarios.map((s) => s.id).join(',');
    const args = ['--scenario', every, '--requests', '8', '--iterations', '1', '--warmup', '1', '--concurrency', '4', '--out', out];
    const run = await runCli('bench.ts', args, {
      timeoutMs: 170_000,
    });
    assert.equal(run.code, 0, run.stderr);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsFile;
    assert.equal(results.run.complete, true);
    assert.deepEqual(
      results.scenarios.map((s) => s.id),
      scenarios.map((s) => s.id),
    );
    for (const scenario of results.scenarios) {
      assert.ok(scenario.results.length >= 2, `${scenario.id} has results`);
      for (const result of scenario.results) {
        assert.equal(result.state, 'completed', `${scenario.id} ${result.label}`);
        if (result.state === 'completed') assert.equal(result.requests, 8);
      }
    }
  });
});

describe('user scenario files', () => {
  test('a JSON file in the built-in schema loads, with defaults filled in', async () => {
    const scenario = await loadScenarioFile(path.join(FIXTURES, 'my-scenario.json'));
    assert.equal(scenario.id, 'my-api');
    assert.equal(scenario.server.capacity, 8);
    assert.deepEqual(scenario.workload.cpuWork, { kind: 'json' });
    assert.deepEqual(scenario.profiles, {});
  });

  test('a TypeScript file exporting a scenario runs through the CLI', async () => {
    const out = await tempDir();
    const run = await runCli(
      'bench.ts',
      ['--scenario', path.join(FIXTURES, 'my-scenario.ts'), '--requests', '10', '--iterations', '1', '--warmup', '0', '--out', out],
      { timeoutMs: 60_000 },
    );
    assert.equal(run.code, 0, run.stderr);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsFile;
    assert.equal(results.scenarios[0]?.id, 'my-ts-api');
    assert.equal(results.scenarios[0]?.results[0]?.label, 'promise-concurrent 1x5');
  });

  const badCases: [string, string | (() => Promise<string>), RegExp][] = [
    [
      'a bad field',
      path.join(FIXTURES, 'bad-scenario.json'),
      /bad-scenario\.json: Expected `server\.latencyMs` to be a number >= 0, got `-1`/,
    ],
    ['a missing file', './no-such-scenario.json', /Expected `--scenario` to be a readable file, got `\.\/no-such-scenario\.json`/],
    [
      'broken JSON',
      async () => {
        const file = path.join(await tempDir(), 'broken.json');
        await writeFile(file, '{ "id": ');
        return file;
      },
      /broken\.json: not valid JSON/,
    ],
    [
      'an unknown key',
      async () => {
        const file = path.join(await tempDir(), 'extra.json');
        await writeFile(file, JSON.stringify({ id: 'x', title: 'X', workload: { requests: 1 }, concurrency: [1], latency: 5 }));
        return file;
      },
      /extra\.json: Expected `input` to be no unknown keys \(`latency`\), got extra keys/,
    ],
  ];
  for (const [name, file, expected] of badCases) {
    test(`${name}: one line naming the problem, exit 2`, async () => {
      const resolved = typeof file === 'string' ? file : await file();
      const run = await runCli('bench.ts', ['--scenario', resolved], { timeoutMs: 30_000 });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, expected);
    });
  }
});

describe('interruption', () => {
  test('SIGINT mid-run: a partial results.json is written and no process of the suite is left', async () => {
    const out = await tempDir();
    const run = await interruptAtThirdLevel('bench.ts', [
      '--scenario',
      'io-bound,saturating-backend',
      '--requests',
      '40',
      '--iterations',
      '3',
      '--out',
      out,
    ]);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsFile;
    assert.equal(results.run.complete, false);
    assert.ok((results.scenarios[0]?.results.length ?? 0) >= 2, 'what was measured before the signal is kept');
    assert.equal(results.scenarios.at(-1)?.partial, true, "the interrupted scenario's verdict stands on part of its levels");
    assert.match(run.stdout, /interrupted: a partial report, also in .*latest-partial; .*latest still holds the last complete run/);
    assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /interrupted/);
  });
});
