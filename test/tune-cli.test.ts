import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { TUNE_SCHEMA_VERSION, type TuneFile } from '../results/tune-types.ts';
import { PNG_SIZE } from '../reports/png.ts';
import { pngSize } from './support/png.ts';
import { interruptAtThirdLevel } from './support/interrupt.ts';
import { runCli } from './support/run-cli.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-tune-'));
  dirs.push(dir);
  return dir;
}
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const HOSTILE_TITLE = '<img src=x onerror="alert(1)"> & tune';

describe('npm run tune, end to end at a tiny size', async () => {
  const out = await tempDir();
  const scenarioFile = path.join(out, 'hostile.json');
  await writeFile(
    scenarioFile,
    JSON.stringify({
      id: 'hostile',
      title: HOSTILE_TITLE,
      description: '</script><script>alert(2)</script>',
      server: { latencyMs: 5 },
      workload: { requests: 10 },
      concurrency: [1],
    }),
  );
  const args = [
    '--scenario',
    scenarioFile,
    '--runners',
    'sequential,worker-threads',
    '--max-concurrency',
    '4',
    '--max-pool-size',
    '2',
    '--pool-size',
    '2',
    '--rounds',
    '8',
    '--iterations',
    '1',
    '--warmup',
    '0',
    '--seed',
    '3',
    '--out',
    out,
  ];
  const run = runCli('tune.ts', args, { timeoutMs: 120_000 });

  test('exits 0 and prints a recommendation per runner with its reason', async () => {
    const { code, stdout, stderr } = await run;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Runner.*Recommended.*Throughput.*Little's law.*p99/);
    assert.match(stdout, /- sequential: one request in flight/);
    assert.match(stdout, /- worker-threads: .+/);
    assert.match(stdout, /^Starting from mean server latency 5\.0 ms: batches of 8 requests per lane/);
    assert.match(
      stdout,
      /- worker-threads: no USL fit \(\d distinct levels measured, the fit needs 6\)/,
      'at most 4 in flight: too few levels',
    );
    assert.ok(stdout.includes(path.join(out, 'tune.html')));
  });

  test('tune.json holds the recommendations and every measured point', async () => {
    await run;
    const tune = JSON.parse(await readFile(path.join(out, 'tune.json'), 'utf8')) as TuneFile;
    assert.equal(tune.schemaVersion, TUNE_SCHEMA_VERSION);
    assert.equal(tune.run.complete, true);
    assert.equal(tune.run.seed, 3);
    assert.deepEqual(
      tune.recommendations.map((r) => r.runner),
      ['sequential', 'worker-threads'],
    );
    for (const recommendation of tune.recommendations) {
      assert.ok(
        recommendation.concurrency >= 1 && recommendation.throughput > 0 && recommendation.p99Ms > 0 && recommendation.reason.length > 0,
      );
    }
    const threads = tune.recommendations[1];
    assert.ok(threads?.threads !== undefined && threads.threads >= 1 && threads.threads <= 2);
    assert.ok(tune.points.every((p) => p.concurrency <= 4 && p.requests === p.concurrency * 8));
    assert.ok(
      tune.points.every((p) => p.littleInFlight !== undefined && p.littleInFlight > 0),
      "Little's law checked on every point",
    );
    assert.deepEqual(tune.usl, []);
    assert.deepEqual(
      tune.uslSkipped?.map((skip) => skip.runner),
      ['sequential', 'worker-threads'],
    );
    assert.ok(
      tune.points.some((p) => p.sweep === 'pool') || tune.recommendations[1]?.concurrency === 1,
      'pool sizes swept at the chosen level',
    );
  });

  test('tune.html is self-contained, escapes every text and has a chart per runner; PNGs have the configured size', async () => {
    await run;
    const html = await readFile(path.join(out, 'tune.html'), 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);
    assert.doesNotMatch(html, /<script[^>]+src=/);
    assert.ok(!html.includes(HOSTILE_TITLE) && html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; tune'));
    assert.ok(!html.includes('<script>alert(2)'));
    for (const runner of ['sequential', 'worker-threads']) {
      assert.match(html, new RegExp(`<canvas id="chart-tune-${runner}"`));
      assert.deepEqual(pngSize(await readFile(path.join(out, 'charts', `tune-${runner}.png`))), PNG_SIZE);
    }
  });
});

describe('tune: bad input is one line and exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['--slo-p99', '0'], /Expected `--slo-p99` to be a number > 0, got `0`/],
    [['--max-error-rate', '2'], /Expected `--max-error-rate` to be a number <= 1, got `2`/],
    [['--max-concurrency', '0'], /Expected `--max-concurrency` to be an integer >= 1, got `0`/],
    [['--runners', 'threads'], /Expected `--runners\[0\]` to be one of .*, got `threads`/],
    [['--scenario', 'nope'], /Expected `--scenario` to be a built-in id .*, got `nope`/],
    [['--bogus'], /unknown option '--bogus'/],
  ];
  for (const [args, expected] of cases) {
    test(args.join(' '), async () => {
      const { code, stdout, stderr } = await runCli('tune.ts', args, { timeoutMs: 30_000 });
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(stderr, expected);
    });
  }

  test('--help lists the options and exits 0', async () => {
    const { code, stdout } = await runCli('tune.ts', ['--help'], { timeoutMs: 30_000 });
    assert.equal(code, 0);
    for (const flag of ['--scenario', '--runners', '--slo-p99', '--max-error-rate', '--max-concurrency', '--out', '--seed'])
      assert.ok(stdout.includes(flag), flag);
  });
});

describe('tune: interruption', () => {
  test('SIGINT mid-sweep writes what was measured and leaves no process behind', async () => {
    const out = await tempDir();
    await interruptAtThirdLevel('tune.ts', [
      '--scenario',
      'saturating-backend',
      '--runners',
      'promise-concurrent,child-process',
      '--rounds',
      '8',
      '--iterations',
      '2',
      '--out',
      out,
    ]);
    const tune = JSON.parse(await readFile(path.join(out, 'tune.json'), 'utf8')) as TuneFile;
    assert.equal(tune.run.complete, false);
    assert.ok(tune.points.length >= 2, 'the levels measured before the signal are kept');
    assert.match(await readFile(path.join(out, 'tune.html'), 'utf8'), /interrupted/);
  });
});
