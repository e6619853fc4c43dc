import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { isLoopbackHost, parseTargetUrl } from '../harness/target/target-url.ts';
import { redactHeaders } from '../harness/target/redact.ts';
import type { ResultsFile } from '../results/types.ts';
import { startLognormalService, type RunningService } from './support/lognormal-service.ts';
import { compiledScript, runCli } from './support/run-cli.ts';

describe('loopback is decided from the text of the URL', () => {
  test('127.0.0.0/8, ::1 and localhost are loopback; anything else is remote, names included', () => {
    for (const host of ['127.0.0.1', '127.255.3.4', '[::1]', 'localhost', 'LOCALHOST']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['192.0.2.1', '10.0.0.1', 'example.com', 'localhost.example.com', '[::2]', '128.0.0.1', 'my-localhost'])
      assert.equal(isLoopbackHost(host), false, host);
  });

  test('a remote URL is refused without --allow-remote, accepted with it; other schemes and credentials never', () => {
    assert.throws(() => parseTargetUrl('http://192.0.2.1/', false), /Expected `--target` to be a loopback URL/);
    assert.equal(parseTargetUrl('https://192.0.2.1/x', true).remote, true);
    assert.equal(parseTargetUrl('http://127.0.0.1:8080/', false).remote, false);
    assert.throws(() => parseTargetUrl('ftp://127.0.0.1/', true), /http:\/\/ or https:\/\//);
    assert.throws(() => parseTargetUrl('http://u:p@127.0.0.1/', true), /no credentials/);
  });

  test('secret headers are redacted', () => {
    assert.deepEqual(redactHeaders({ Authorization: 'Bearer a', Cookie: 'c', 'X-Api-Key': 'k', 'X-Auth-Token': 't', Accept: 'json' }), {
      Authorization: '[redacted]',
      Cookie: '[redacted]',
      'X-Api-Key': '[redacted]',
      'X-Auth-Token': '[redacted]',
      Accept: 'json',
    });
  });
});

const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;

/** bench in a network namespace with no interfaces but loopback: any DNS lookup or connect beyond it would fail differently. */
function benchWithoutNetwork(args: readonly string[]): { status: number | null; stderr: string } {
  const run = spawnSync('unshare', ['-n', process.execPath, compiledScript('bench.ts'), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('a non-loopback target is refused in argument validation', {
  skip: unshareWorks ? false : 'unshare -n does not work here',
}, () => {
  test('192.0.2.1 without --allow-remote: exit 2, one line, before any socket', () => {
    const run = benchWithoutNetwork(['--target', 'http://192.0.2.1/', '--requests', '5']);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /Expected `--target` to be a loopback URL .* got `http:\/\/192\.0\.2\.1\/`/);
  });

  test('a hostname is remote without being resolved', () => {
    const run = benchWithoutNetwork(['--target', 'http://api.example.com/v1', '--requests', '5']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Expected `--target` to be a loopback URL/);
  });

  test('with --allow-remote a plan over --max-requests is refused before it starts', () => {
    const run = benchWithoutNetwork(['--target', 'http://192.0.2.1/', '--allow-remote', '--requests', '500']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Expected the run to send at most `--max-requests` 2000 requests/);
  });
});

describe('bench --target against an independent test service on 127.0.0.1', () => {
  let service: RunningService;
  let out: string;
  before(async () => {
    service = await startLognormalService({ meanMs: 5, sigma: 0.3, seed: 3, bodyBytes: 64 });
    out = await mkdtemp(path.join(os.tmpdir(), 'cb-target-'));
  });
  after(async () => {
    await service.stop();
    await rm(out, { recursive: true, force: true });
  });

  test('sends method, headers and body; records the target redacted, no ideal, and Little beside throughput', async () => {
    const body = path.join(out, 'body.json');
    await writeFile(body, '{"hello":"service"}');
    const run = await runCli('bench.ts', [
      ...['--target', `${service.url}items?id=1`, '--method', 'post', '--body-file', body],
      ...['--header', 'Authorization: Bearer s3cret', '--header', 'X-Trace: on'],
      ...['--runners', 'sequential,promise-concurrent', '--requests', '12', '--concurrency', '3', '--iterations', '1', '--warmup', '0'],
      ...['--out', path.join(out, 'report')],
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(service.stats.last?.method, 'POST');
    assert.equal(service.stats.last?.body, '{"hello":"service"}');
    assert.equal(service.stats.last?.headers.authorization, 'Bearer s3cret');
    const results = JSON.parse(await readFile(path.join(out, 'report', 'results.json'), 'utf8')) as ResultsFile;
    assert.deepEqual(results.run.target?.headers, { Authorization: '[redacted]', 'X-Trace': 'on' });
    assert.equal(results.run.target?.method, 'POST');
    assert.equal(results.run.target?.remote, false);
    const [scenario] = results.scenarios;
    assert.equal(scenario?.results.length, 2);
    for (const result of scenario?.results ?? []) {
      assert.equal(result.state, 'completed');
      if (result.state !== 'completed') continue;
      assert.equal(result.idealWallMs, undefined);
      assert.equal(result.efficiency, undefined);
      // A 5 ms service beats the 16 ms server a target's rows are replayed against: no ideal to call invalid.
      assert.equal(result.idealInvalid, undefined);
      assert.ok((result.littleThroughput ?? 0) > 0);
      assert.equal(result.errors.total, 0);
    }
    assert.doesNotMatch(await readFile(path.join(out, 'report', 'index.html'), 'utf8'), /s3cret/);
    assert.match(run.stdout, /Efficiency[\s\S]*n\/a/);
  });
});
