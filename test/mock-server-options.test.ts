import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { request } from 'undici';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { startMockServerProcess } from '../mock-server/process.ts';
import { PROFILE_FLAG_NAMES, PROFILE_FLAGS } from '../mock-server/profile-flags.ts';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { parseOrThrow } from '../common/validation.ts';
import { compiledScript, runCli } from './support/run-cli.ts';

describe('mock-server options', () => {
  const rejected: readonly [readonly string[], string][] = [
    [['--capacity', '0'], 'Expected `--capacity` to be an integer >= 1, got `0`'],
    [['--capacity', '2.5'], 'Expected `--capacity` to be an integer, got `2.5`'],
    [
      ['--latency-distribution', 'gaussian'],
      'Expected `--latency-distribution` to be one of `fixed`, `uniform`, `normal`, `lognormal`, `exponential`, `pareto`, got `gaussian`',
    ],
    [['--error-rate', '1.5'], 'Expected `--error-rate` to be a number <= 1, got `1.5`'],
    [['--rate-limit', 'fast'], 'Expected `--rate-limit` to be a number, got `fast`'],
    [['--queue-limit', '4'], 'Expected `--queue-limit` to be given only together with a capacity, got `4`'],
    [['--latency-min', '10', '--latency-max', '5'], 'Expected `--latency-max` to be a number >= the latency minimum (10), got `5`'],
    [
      ['--error-rate', '0.6', '--stall-rate', '0.6'],
      'Expected `--stall-rate` to be a rate that keeps error + reset + stall <= 1 (sum is 1.2), got `0.6`',
    ],
    [
      ['--host', '0.0.0.0'],
      'Expected `--host` to be a loopback address (127.0.0.1, ::1, localhost) unless --allow-remote is given, got `0.0.0.0`',
    ],
  ];
  for (const [args, message] of rejected) {
    test(`${args.join(' ')} is rejected with one line naming the flag, exit 2`, async () => {
      const run = await runCli('mock-server.ts', args, { timeoutMs: 30_000 });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `${message}\n`);
    });
  }

  test('a scenario file gets the same checks, named by its own field path', () => {
    assert.throws(() => parseOrThrow(serverProfileSchema, { capacity: 0 }, { prefix: 'server.' }), {
      message: 'Expected `server.capacity` to be an integer >= 1, got `0`',
    });
    assert.throws(
      () => parseOrThrow(serverProfileSchema, { latencyMs: 5, latency: 5 }, { prefix: 'server.' }),
      /no unknown keys \(`latency`\)/,
    );
    assert.equal(Object.keys(PROFILE_FLAG_NAMES).length, PROFILE_FLAGS.length);
  });

  test('profiles written before the new fields stay valid and keep their meaning', () => {
    const profile = serverProfileSchema.parse({ latencyMs: 16, jitterMs: 0, bodyBytes: 256 });
    assert.equal(profile.capacity, undefined);
    assert.deepEqual(profile, { latencyMs: 16, jitterMs: 0, bodyBytes: 256, seed: 1 });
  });

  test('--help documents every option', async () => {
    const run = await runCli('mock-server.ts', ['--help'], { timeoutMs: 30_000 });
    assert.equal(run.code, 0);
    for (const flag of ['--port', '--host', '--allow-remote', ...PROFILE_FLAGS.map(({ flag: name }) => `--${name}`)]) {
      assert.ok(run.stdout.includes(flag), `--help does not mention ${flag}`);
    }
  });

  test('the issue example starts, serves on 127.0.0.1 and stops on Ctrl-C (SIGINT) with exit 0', async () => {
    const args = [
      '--port',
      '0',
      '--latency-distribution',
      'lognormal',
      '--latency',
      '40',
      '--capacity',
      '32',
      '--rate-limit',
      '500',
      '--error-rate',
      '0.01',
    ];
    const child = spawn(process.execPath, [compiledScript('mock-server.ts'), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`mock-server exited before listening: ${output}`)));
      });
      const response = await request(`${url}/`);
      await response.body.dump();
      assert.match(String(response.headers['server-timing']), /^queue;dur=\d+\.\d{3}, serve;dur=\d+\.\d{3}, late;dur=\d+\.\d{3}$/);
      const stats = (await (await request(`${url}/__stats`)).body.json()) as { received: number };
      assert.equal(stats.received, 1);
    } finally {
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    }
  });

  test('--workers 2: one port, stats summed over both processes', async () => {
    const server = await startMockServerProcess(serverProfileSchema.parse({ latencyMs: 0, workers: 2, capacity: 4 }));
    try {
      await Promise.all(Array.from({ length: 20 }, () => request(`${server.url}/`).then((response) => response.body.dump())));
      const stats = await server.stats();
      assert.equal(stats.workers, 2);
      assert.equal(stats.served, 20);
      assert.equal(stats.lateness.count, 20, "the workers' lateness histograms merged");
      assert.equal(stats.lateness.early, 0);
      await server.resetStats();
      assert.equal((await server.stats()).served, 0);
    } finally {
      await server.stop();
    }
  });
});
