import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { closedLoopThroughput, slowedServiceMs, truePeak } from '../mock-server/coherency.ts';
import { answersDependOnIdentity } from '../mock-server/identity-use.ts';
import { resolveServerProfile, serverProfileSchema } from '../mock-server/profile.ts';
import { parseServerTiming } from '../runners/server-timing.ts';
import { defaultScenarioIds, findScenario } from '../scenarios/registry.ts';
import { useMockServer } from './support/mock-server.ts';
import { runCli } from './support/run-cli.ts';

const SLOWDOWN = { contention: 0.05, coherency: 0.01 };

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

describe('contention and coherency: service time grows with the requests in service', () => {
  const server = useMockServer({ latencyMs: 5, ...SLOWDOWN });

  test('a request that starts while n are in service (itself included) is served latency x (1 + sigma (n-1) + kappa n (n-1))', async () => {
    const agent = new Agent({ connections: 16 });
    try {
      for (const others of [0, 3, 7]) {
        await server().resetStats();
        // Stalled requests hold their slots until the client leaves: exactly `others` in service when the probe starts.
        const held = new AbortController();
        const stalls = Array.from({ length: others }, () =>
          request(`${server().url}/?fault=stall`, { dispatcher: agent, signal: held.signal }).catch(() => undefined),
        );
        await until(`${others} stalled requests in service`, async () => (await server().stats()).inFlight === others);
        const response = await request(`${server().url}/?latency=10`, { dispatcher: agent });
        await response.body.dump();
        held.abort();
        await Promise.all(stalls);
        const header = String(response.headers['server-timing']);
        const timing = parseServerTiming(header);
        const late = Number(/late;dur=(-?[\d.]+)/.exec(header)?.[1]);
        assert.ok(timing && Number.isFinite(late), header);
        const expected = slowedServiceMs(10, others + 1, SLOWDOWN);
        // serve = service time + lateness, each written to the microsecond.
        assert.ok(Math.abs(timing.serveMs - late - expected) <= 0.0015, `${others} others: expected ${expected} ms, got ${header}`);
        await until('the stalls freed their slots', async () => (await server().stats()).inFlight === 0);
      }
    } finally {
      await agent.destroy();
    }
  });
});

describe('the true peak, from the settings', () => {
  test('X(N) = N / S(N) peaks at N* = sqrt((1 - sigma) / kappa); no coherency, no peak', () => {
    const peak = truePeak(20, { contention: 0.02, coherency: 0.00245 });
    assert.ok(peak);
    assert.ok(Math.abs(peak.concurrency - 20) < 1e-9);
    assert.equal(peak.bestClients, 20);
    const rate = (clients: number): number => closedLoopThroughput(clients, 20, { contention: 0.02, coherency: 0.00245 });
    assert.ok(rate(20) > rate(19) && rate(20) > rate(21), 'a local maximum');
    assert.equal(peak.throughput, rate(20));
    assert.equal(closedLoopThroughput(1, 20, { contention: 0.5, coherency: 0.1 }), 50, 'alone, nothing slows a request');
    assert.equal(truePeak(20, { contention: 0.1, coherency: 0 }), undefined);
    assert.equal(slowedServiceMs(20, 1, { contention: 0.3, coherency: 0.3 }), 20);
  });

  test('contention and coherency need no identity: the identity-use rule stays as it was', () => {
    const depends = (input: Record<string, unknown>): boolean =>
      answersDependOnIdentity(resolveServerProfile(serverProfileSchema.parse(input)));
    assert.equal(depends({ latencyMs: 20, contention: 0.1, coherency: 0.01 }), false);
    assert.equal(depends({ latencyMs: 20, coherency: 0.01, jitterMs: 2 }), true);
  });

  test("retrograde-backend: listed, outside the default run, its true peak stated and inside every profile's levels", () => {
    const scenario = findScenario('retrograde-backend');
    assert.ok(!defaultScenarioIds.includes('retrograde-backend'));
    const { latencyMs, contention = 0, coherency = 0 } = scenario.server;
    const peak = truePeak(latencyMs, { contention, coherency });
    assert.ok(peak, 'the scenario has a retrograde region');
    assert.ok(peak.concurrency >= 16 && peak.concurrency <= 24, `peak at ${peak.concurrency}`);
    assert.ok(scenario.description.includes(`${peak.concurrency.toFixed(1)} in flight, ${peak.throughput.toFixed(0)} req/s`));
    for (const levels of [scenario.concurrency, ...Object.values(scenario.profiles).map((profile) => profile.concurrency ?? [])]) {
      assert.ok(levels.length >= 6, 'enough levels for a USL fit');
      assert.ok(Math.min(...levels) < peak.concurrency && Math.max(...levels) > 2 * peak.concurrency, levels.join(','));
    }
  });

  test('--contention and --coherency are validated at the edge: one line, exit 2', async () => {
    const run = await runCli('mock-server.ts', ['--coherency', '2'], { timeoutMs: 30_000 });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'Expected `--coherency` to be a number <= 1, got `2`\n');
    const negative = await runCli('mock-server.ts', ['--contention', '-0.1'], { timeoutMs: 30_000 });
    assert.equal(negative.code, 2);
    assert.equal(negative.stderr, 'Expected `--contention` to be a number >= 0, got `-0.1`\n');
  });
});
