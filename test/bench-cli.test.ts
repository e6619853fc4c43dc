import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SCHEMA_VERSION, type ResultsFile } from '../results/types.ts';
import { PNG_SIZE } from '../reports/png.ts';
import { defaultRunnerIds } from '../runners/registry.ts';
import { pngSize } from './support/png.ts';
import { runCli } from './support/run-cli.ts';

describe('npm run bench, end to end at a tiny size', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'cb-bench-'));
  after(() => rm(out, { recursive: true, force: true }));
  const run = runCli('bench.ts', [
    '--scenario',
    'io-bound',
    '--requests',
    '24',
    '--latency',
    '5',
    '--concurrency',
    '4',
    '--iterations',
    '2',
    '--warmup',
    '1',
    '--out',
    out,
  ]);

  test('exits 0, prints the table and the report path', async () => {
    const { code, stdout, stderr } = await run;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Approach.*Batch time.*Goodput/);
    for (const id of defaultRunnerIds()) assert.match(stdout, new RegExp(id));
    assert.ok(stdout.includes(path.join(out, 'index.html')));
  });

  test('results.json carries the contract fields for every runner', async () => {
    await run;
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsFile;
    assert.equal(results.schemaVersion, SCHEMA_VERSION);
    for (const key of ['node', 'platform', 'arch', 'cpuModel', 'cores', 'memoryBytes', 'packages'] as const) {
      assert.ok(results.environment[key] !== undefined, `environment.${key}`);
    }
    const scenario = results.scenarios[0];
    assert.ok(scenario);
    assert.equal(scenario.id, 'io-bound');
    assert.ok(scenario.title && scenario.workload.requests === 24);
    assert.deepEqual([...new Set(scenario.results.map((r) => r.runner))], defaultRunnerIds());
    for (const result of scenario.results) {
      assert.equal(result.state, 'completed', JSON.stringify(result));
      if (result.state !== 'completed') continue;
      assert.equal(result.iterations, 2);
      for (const key of ['mean', 'stdev', 'min', 'max'] as const) assert.equal(typeof result.wallMs[key], 'number');
      assert.ok(result.throughput.mean > 0 && typeof result.throughput.stdev === 'number');
      for (const key of ['p50', 'p90', 'p99', 'p999', 'max'] as const) assert.ok(result.latencyMs[key] >= 5, `latencyMs.${key}`);
      assert.deepEqual(result.errors, { total: 0, byKind: {} });
      assert.equal(result.boundWallMs, Math.ceil(24 / result.concurrency) * 5);
      // Fixed latency: the exact ideal is the bound plus the host's floor and the body's bytes on every round.
      const { roundTripFloorMs, bytesPerMs } = scenario.workload.host;
      const bodyMs = bytesPerMs === undefined ? 0 : scenario.workload.server.bodyBytes / bytesPerMs;
      const round = 5 + roundTripFloorMs + bodyMs;
      const ideal = result.idealWallMs ?? Number.NaN;
      assert.ok(Math.abs(ideal - Math.ceil(24 / result.concurrency) * round) < 1e-6, `ideal ${ideal}`);
      assert.ok(Math.abs((result.efficiency ?? Number.NaN) - ideal / result.wallMs.mean) < 1e-9);
      assert.ok(Math.abs((result.overheadMs ?? Number.NaN) - (result.wallMs.mean - ideal)) < 1e-9);
      assert.ok(result.cpu.userMs >= 0 && result.memory.peakRssBytes > 0);
      assert.ok(result.server.maxInFlight <= result.concurrency);
    }
  });

  test('writes summary.md, index.html and a PNG of the configured size', async () => {
    await run;
    assert.match(await readFile(path.join(out, 'summary.md'), 'utf8'), /\| Approach \| Batch time \| Goodput \|/);
    assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /<canvas id="chart-io-bound-throughput"/);
    const png = await readFile(path.join(out, 'charts', 'io-bound-throughput.png'));
    assert.deepEqual(pngSize(png), PNG_SIZE);
  });
});

describe('bad input: one line, exit 2, no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['--concurrency', '0'], /Expected `--concurrency\[0\]` to be an integer >= 1, got `0`/],
    [['--requests', 'many'], /Expected `--requests` to be an integer, got `many`/],
    [['--runners', 'threads'], /Expected `--runners\[0\]` to be one of .*`worker-threads`.*, got `threads`/],
    [['--profile', 'huge'], /Expected `--profile` to be one of `quick`, `article`, `full`, got `huge`/],
    [['--scenario', 'nope'], /Expected `--scenario` to be a built-in id \(article-table, .*\) or a \.json\/\.ts file, got `nope`/],
    [['--cpu-work', 'busy:-1'], /Expected `--cpu-work\.ms` to be a number >= 0, got `-1`/],
    [['--client', 'axios'], /Expected `--client` to be one of `undici`, `fetch`, `node-http`, got `axios`/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--iterations'], /argument missing/],
    [['--max-error-rate', '5'], /Expected `--max-error-rate` to be a number <= 1, got `5`/],
    [['--segment', '4/3'], /Expected `--segment` to be i\/N with 1 <= i <= N/],
    [['--segment', '1/2'], /Expected `--target` with `--segment`/],
    [['--start-at', 'tomorrow'], /Expected `--start-at` to be an ISO time or epoch milliseconds/],
  ];
  for (const [args, expected] of cases) {
    test(args.join(' '), async () => {
      const { code, stderr, stdout } = await runCli('bench.ts', args, { timeoutMs: 30_000 });
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr.trim().split('\n').length, 1, `one line, got: ${stderr}`);
      assert.match(stderr, expected);
      assert.doesNotMatch(stderr, /\n\s+at /);
    });
  }

  test('a forgotten `--` (npm run bench --scenario io-bound): one line saying how to write it', async () => {
    const env = { ...process.env, npm_lifecycle_event: 'bench', npm_config_scenario: 'true' };
    const { code, stderr } = await runCli('bench.ts', ['io-bound'], { timeoutMs: 30_000, env });
    assert.equal(code, 2, stderr);
    assert.equal(stderr.trim().split('\n').length, 1, `one line, got: ${stderr}`);
    assert.match(stderr, /npm took `--scenario` for itself: put `--` before the flags, e\.g\. `npm run bench -- --scenario io-bound`/);
  });

  test('--list prints the scenario ids', async () => {
    const { code, stdout } = await runCli('bench.ts', ['--list'], { timeoutMs: 30_000 });
    assert.equal(code, 0);
    assert.match(stdout, /^io-bound\s+I\/O-bound/m);
    assert.match(stdout, /^saturating-backend\s+Saturating backend/m);
  });

  test('the mock-server CLI rejects bad options the same way', async () => {
    const { code, stderr } = await runCli('mock-server.ts', ['--latency', '-5'], { timeoutMs: 30_000 });
    assert.equal(code, 2);
    assert.match(stderr, /Expected `--latency` to be a number >= 0, got `-5`/);
  });
});
