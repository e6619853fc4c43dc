import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PROJECT_ROOT } from '../common/project-root.ts';
import type { TuneFile } from '../harness/tune/types.ts';
import { startLognormalService, type RunningService } from './support/lognormal-service.ts';
import { compiledScript, runCli } from './support/run-cli.ts';

const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;

describe('npm run tune against your own (loopback) service', () => {
  let service: RunningService | undefined;
  let dir = '';
  before(async () => {
    service = await startLognormalService({ meanMs: 5, sigma: 0.3, capacity: 8, seed: 3, bodyBytes: 64 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-tune-target-'));
  });
  after(async () => {
    await service?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('tunes the service, records the target, and a broken threshold is exit 1', async () => {
    const url = service?.url ?? '';
    const out = path.join(dir, 'tune');
    const args = ['--target', url, '--runners', 'promise-concurrent', '--max-concurrency', '8', '--iterations', '1', '--warmup', '0'];
    const run = await runCli('tune.ts', [...args, '--limiter', 'aimd', '--threshold', 'p99<0.001ms', '--out', out], { timeoutMs: 120_000 });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Threshold broken: p99<0\.001ms broken by promise-concurrent at \d+ in flight/);
    const tune = JSON.parse(await readFile(path.join(out, 'tune.json'), 'utf8')) as TuneFile;
    assert.equal(tune.target?.url, url);
    assert.ok(tune.recommendations.length === 1 && tune.points.length > 0);
    assert.equal(tune.thresholds?.[0]?.results[0]?.pass, false);
    assert.ok((service?.stats.served ?? 0) > 0, 'the requests went to the service, not to a mock server');
  });

  test('a threshold on a metric tune does not record is one line, exit 2', async () => {
    const run = await runCli('tune.ts', ['--target', service?.url ?? '', '--threshold', 'p90<5ms'], { timeoutMs: 30_000 });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr.trim(), /^Expected a tune `--threshold` on p50, p99, errors, throughput, got `p90<5ms`$/);
  });
});

describe('tune refuses a remote target before any socket', { skip: unshareWorks ? false : 'unshare -n does not work here' }, () => {
  test('192.0.2.1, even with --allow-remote: exit 2, one line', () => {
    const run = spawnSync(
      'unshare',
      ['-n', process.execPath, compiledScript('tune.ts'), '--target', 'http://192.0.2.1/', '--allow-remote'],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /Expected `--target` of tune to be a loopback address .* got `http:\/\/192\.0\.2\.1\/`/);
  });
});
