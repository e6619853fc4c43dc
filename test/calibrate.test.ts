import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadScenarioFile } from '../scenarios/load-file.ts';
import { startLognormalService, type RunningService } from './support/lognormal-service.ts';
import { runCli } from './support/run-cli.ts';

// Tolerances from the brief: the mean within 10%, the family, the capacity within 25%, the rate within 15%.
// The service runs in this process; calibrate in its own, so they do not share an event loop.

function within(actual: number | undefined, expected: number, tolerance: number, what: string): void {
  assert.ok(actual !== undefined, `${what}: none found`);
  assert.ok(Math.abs(actual - expected) <= tolerance * expected, `${what}: ${actual} is not within ${tolerance * 100}% of ${expected}`);
}

describe('calibrate recovers an independent service', () => {
  let out: string;
  const services: RunningService[] = [];
  before(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'cb-calibrate-'));
  });
  after(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await rm(out, { recursive: true, force: true });
  });

  test('lognormal latency and a capacity of 4', async () => {
    const service = await startLognormalService({ meanMs: 40, sigma: 0.5, seed: 7, bodyBytes: 700, capacity: 4 });
    services.push(service);
    const file = path.join(out, 'capacity-twin.json');
    const run = await runCli('calibrate.ts', ['--target', service.url, '--out', file], { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /lognormal KS \d\.\d{3}/);
    assert.match(run.stdout, /normal +KS \d\.\d{3}/);
    const twin = await loadScenarioFile(file);
    assert.equal(twin.id, 'capacity-twin');
    assert.equal(twin.server.latencyDistribution, 'lognormal', run.stdout);
    within(twin.server.latencyMs, 40, 0.1, 'mean latency');
    within(twin.server.capacity, 4, 0.25, 'capacity');
    assert.equal(twin.server.bodyBytes, 700);
    assert.equal(twin.server.rateLimit, undefined);
    assert.ok(service.stats.maxInFlight <= 4);
  });

  test('a token-bucket rate limit of 60/s', async () => {
    const service = await startLognormalService({ meanMs: 40, sigma: 0.5, seed: 11, bodyBytes: 100, ratePerSecond: 60, burst: 3 });
    services.push(service);
    const file = path.join(out, 'rate-twin.json');
    const run = await runCli('calibrate.ts', ['--target', service.url, '--samples', '30', '--out', file], { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Rate limit: [\d.]+ requests\/s; 429s began at \d+ in flight/);
    const twin = await loadScenarioFile(file);
    within(twin.server.rateLimit, 60, 0.15, 'rate limit');
    assert.ok(service.stats.limited > 0);
  });

  test('a non-loopback target is refused before sampling', async () => {
    const run = await runCli('calibrate.ts', ['--target', 'http://192.0.2.1/', '--out', path.join(out, 'x.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Expected `--target` to be a loopback URL/);
  });
});
