import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PROJECT_ROOT } from '../common/project-root.ts';
import type { TuneFile } from '../results/tune-types.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCapacityService, type CapacityService } from './support/capacity-service.ts';
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
    // --limiter asked for an adaptive limiter: it ran, with a ceiling of at most 4x the recommended limit.
    const recommended = tune.recommendations[0]?.concurrency ?? 0;
    assert.equal(tune.adaptive?.length, 1);
    for (const outcome of tune.adaptive ?? []) assert.ok(outcome.maxConcurrency <= 4 * recommended, `ceiling ${outcome.maxConcurrency}`);
  });

  test('a threshold on a metric tune does not record is one line, exit 2', async () => {
    const run = await runCli('tune.ts', ['--target', service?.url ?? '', '--threshold', 'p90<5ms'], { timeoutMs: 30_000 });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr.trim(), /^Expected a tune `--threshold` on p50, p99, errors, throughput, got `p90<5ms`$/);
  });
});

describe('npm run tune against a service with a capacity and no Server-Timing', () => {
  let service: CapacityService | undefined;
  let dir = '';
  before(async () => {
    service = await startCapacityService({ latencyMs: 20, capacity: 4 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-tune-capacity-'));
  });
  after(async () => {
    await service?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('probes the latency first, prints the plan, counts levels without ever passing the total, and leaves the adaptive limiters out', async () => {
    const out = path.join(dir, 'tune');
    const args = [
      '--target',
      service?.url ?? '',
      '--runners',
      'promise-concurrent',
      '--max-concurrency',
      '16',
      '--iterations',
      '1',
      '--warmup',
      '0',
    ];
    const run = await runCli('tune.ts', [...args, '--out', out], { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Starting from latency \d+\.\d ms probed from the client \(median of \d+ requests one at a time/);
    assert.match(run.stdout, /\nExpected duration ~[\d.]+ (s|min) \(about \d+ settings, at most \d+/);
    assert.match(run.stdout, /Adaptive limiters are left out against your service/);
    const counters = [...run.stderr.matchAll(/\((\d+)\/(\d+)\) promise-concurrent/g)].map((match) => [Number(match[1]), Number(match[2])]);
    assert.ok(counters.length > 3, run.stderr);
    for (const [done = 0, total = 0] of counters) assert.ok(done <= total, `(${done}/${total}) in ${run.stderr}`);
    const tune = JSON.parse(await readFile(path.join(out, 'tune.json'), 'utf8')) as TuneFile;
    // A foreign service sends no Server-Timing: the latency timed by the client stands in for it, so Little's law is never n/a.
    assert.ok((tune.probe?.medianMs ?? 0) >= 20, `probe ${JSON.stringify(tune.probe)}`);
    assert.ok(tune.slo.p99Ms >= 20 * (tune.probe?.medianMs ?? 0) - 1e-9);
    assert.deepEqual(tune.adaptive, []);
    for (const point of tune.points) {
      assert.ok(point.littleThroughput !== undefined && point.littleThroughput > 0);
      assert.ok(point.littleInFlight !== undefined && point.littleInFlight > 0 && point.littleInFlight <= point.concurrency * 1.1);
    }
    assert.ok(tune.recommendations.every((entry) => entry.littleThroughput !== undefined));
    assert.doesNotMatch(run.stdout, /n\/a/);
    // Never more queued at the service than the sweep's largest level beyond its capacity.
    assert.ok((service?.stats.maxQueued ?? Infinity) <= 16 - 4, `queue ${service?.stats.maxQueued}`);
  });

  test('a --target that answers nothing is one line and exit 2, before any sweep', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runCli('tune.ts', ['--target', `http://127.0.0.1:${port}/`, '--out', path.join(dir, 'refused')], {
      timeoutMs: 30_000,
    });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(
      run.stderr,
      /^Expected `--target` to answer tune's latency probe with 2xx, got `\w+` from GET http:\/\/127\.0\.0\.1:\d+\//,
    );
  });

  test('--latency with --target is one line and exit 2 (the latency is probed)', async () => {
    const run = await runCli('tune.ts', ['--target', service?.url ?? '', '--latency', '5'], { timeoutMs: 30_000 });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr.trim(), /^Expected `--latency` to be absent with --target .*, got `5`$/);
  });
});

describe('npm run tune against a service that truly peaks (USL-shaped: sigma 0.02, kappa 0.004, 40 ms)', () => {
  let service: CapacityService | undefined;
  let dir = '';
  before(async () => {
    // N* = floor(sqrt(0.98 / 0.004)) = 15 at about 177 req/s, and 80% of that at 30 in flight: slow enough for any client.
    service = await startCapacityService({ latencyMs: 40, capacity: Number.POSITIVE_INFINITY, contention: 0.02, coherency: 0.004 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'cb-tune-retrograde-'));
  });
  after(async () => {
    await service?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('the fit finds the retrograde region, its N* near the true 15, and the recommendation stays at or below it', async () => {
    const out = path.join(dir, 'tune');
    const args = ['--target', service?.url ?? '', '--runners', 'promise-concurrent', '--iterations', '2', '--warmup', '0', '--out', out];
    const run = await runCli('tune.ts', args, { timeoutMs: 150_000 });
    assert.equal(run.code, 0, run.stderr);
    const tune = JSON.parse(await readFile(path.join(out, 'tune.json'), 'utf8')) as TuneFile;
    const fit = tune.usl?.[0];
    const curve = tune.points.map((p) => `${p.sweep} ${p.concurrency}: ${Math.round(p.throughput)}/s`).join('; ');
    assert.ok(fit, `a fit: ${JSON.stringify(tune.uslSkipped)} (${curve})`);
    assert.equal(fit.retrograde, true, `${JSON.stringify(fit)} (${curve})`);
    assert.ok(
      fit.peakConcurrency !== undefined && fit.peakConcurrency >= 10 && fit.peakConcurrency <= 21,
      `N* ${fit.peakConcurrency} (${curve})`,
    );
    assert.ok((tune.recommendations[0]?.concurrency ?? Infinity) <= fit.peakConcurrency);
    assert.match(run.stdout, /promise-concurrent: sigma .* peak at N\* = \d+ in flight/);
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
