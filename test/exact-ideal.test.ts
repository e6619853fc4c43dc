import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, test } from 'node:test';
import { probeHost } from '../harness/ideal/host-probe.ts';
import { exactIdeal, replayInput, type LevelReplay } from '../harness/ideal/replay-level.ts';
import { unprobedIdeal, type ScenarioIdeal } from '../harness/ideal/scenario-ideal.ts';
import { workCostMs } from '../harness/ideal/work-cost.ts';
import { replayBatch } from '../harness/ideal/replay/index.ts';
import { Behaviour } from '../mock-server/behaviour.ts';
import { backoffMs, jitterRandom } from '../runners/backoff.ts';
import { clientConfigSchema } from '../runners/client-config.ts';
import { scenarioSchema, type ScenarioInput } from '../scenarios/schema.ts';
import { resolveScenario, runSettings, type ScenarioPlan } from '../scenarios/resolve.ts';
import { useMockServer } from './support/mock-server.ts';

function planOf(input: Omit<ScenarioInput, 'id' | 'title' | 'concurrency'>): ScenarioPlan {
  return resolveScenario(
    scenarioSchema.parse({ id: 'exact-ideal-test', title: 'exact ideal', concurrency: [1], ...input }),
    runSettings({ threads: 2, processes: 2 }),
  );
}

function level(ideal: ScenarioIdeal, plan: ScenarioPlan, inFlight: number, workers = 1): LevelReplay {
  return {
    ideal,
    requests: plan.requests,
    layout: { label: 'test', inFlight, workers, lanes: Math.ceil(inFlight / workers) },
    client: plan.client,
  };
}

describe('exact ideal: the replay meets the same requests as the batch', () => {
  test('fixed latency and no floor: ceil(N / in flight) rounds of the latency, whatever the iterations', () => {
    const plan = planOf({ server: { latencyMs: 10 }, workload: { requests: 25 } });
    const ideal = unprobedIdeal(plan);
    const exact = exactIdeal(level(ideal, plan, 4), [2, 3, 4]);
    assert.ok(Math.abs(exact.wallMs - Math.ceil(25 / 4) * 10) < 1e-9, `makespan ${exact.wallMs}`);
    assert.equal(exact.limitedBy, 'latency');
  });

  test('the host floor and the body bytes are paid on every round, the bodies one after another on one link', () => {
    const plan = planOf({ server: { latencyMs: 10, bodyBytes: 1000 }, workload: { requests: 20 } });
    const ideal = { ...unprobedIdeal(plan), host: { roundTripFloorMs: 0.5, bytesPerMs: 1000 } };
    const exact = exactIdeal(level(ideal, plan, 5), [0]);
    // The first round's five answers are written together and their 1 ms bodies leave one after another: the lanes
    // then run 1 ms apart, each round 10 + 0.5 + 1 ms, and the last lane ends 4 ms after the first.
    assert.ok(Math.abs(exact.wallMs - (4 * (10 + 0.5 + 1) + 4 * 1)) < 1e-9, `makespan ${exact.wallMs}`);
  });

  test("each iteration replays the server's own decisions for its identities; the ideal is their mean makespan", () => {
    const plan = planOf({
      server: { latencyMs: 20, latencyDistribution: 'lognormal', latencySpreadMs: 30, latencyMaxMs: 400 },
      workload: { requests: 60 },
    });
    const ideal = unprobedIdeal(plan);
    const replay = level(ideal, plan, 6);
    const behaviour = new Behaviour(plan.server);
    const input = replayInput(replay, 5);
    for (const index of [0, 17, 59]) {
      const decision = behaviour.decideFor({ stream: ideal.stream, iteration: 5, index, attempt: 0 });
      assert.equal(input.decide(index, 0).latencyMs, decision.latencyMs);
    }
    const makespans = [5, 6, 7].map((iteration) => replayBatch(replayInput(replay, iteration)).makespanMs);
    assert.ok(new Set(makespans).size > 1, 'iterations meet different identities');
    const mean = makespans.reduce((sum, value) => sum + value, 0) / makespans.length;
    assert.ok(Math.abs(exactIdeal(replay, [5, 6, 7]).wallMs - mean) < 1e-9);
    // A batch waits on its slowest lane: each makespan is above both the lanes' even share of the latencies the server
    // drew for that batch and its slowest single request (the closed form from the mean sees neither).
    for (const [at, iteration] of [5, 6, 7].entries()) {
      const drawn = Array.from(
        { length: 60 },
        (_, index) => behaviour.decideFor({ stream: ideal.stream, iteration, index, attempt: 0 }).latencyMs,
      );
      const evenShare = drawn.reduce((sum, ms) => sum + ms, 0) / 6;
      const makespan = makespans[at] ?? Number.NaN;
      assert.ok(makespan > evenShare, `iteration ${iteration}: makespan ${makespan} ms, even share ${evenShare} ms`);
      assert.ok(makespan >= Math.max(...drawn), `iteration ${iteration}: makespan ${makespan} ms, slowest ${Math.max(...drawn)} ms`);
    }
  });

  test("retries back off by the client's own seeded jitter, and CPU work uses the model's executors", () => {
    const plan = planOf({
      server: { latencyMs: 5, errorRate: 0.3 },
      workload: { requests: 40, cpuWork: { kind: 'busy', ms: 2 } },
      client: { retry: { maxRetries: 2, baseDelayMs: 10, retryOn: ['http_5xx'] } },
    });
    const ideal = unprobedIdeal(plan);
    const input = replayInput(level(ideal, plan, 8, 2), 1);
    const policy = clientConfigSchema.parse(plan.client).retry;
    assert.equal(input.retry.backoffMs(7, 1), backoffMs(1, policy, jitterRandom(plan.server.seed, ideal.stream, 1, 7, 1)));
    assert.equal(input.cpuWorkMs, 2);
    assert.equal(input.cpuExecutors, Math.min(2, os.availableParallelism()));
    assert.ok(replayBatch(input).retries > 0, 'a 30% error rate makes retries');
  });
});

describe('host probe against a real mock-server process', () => {
  // A server latency far above any host's round trip, so a floor that forgot to subtract it could not pass.
  const server = useMockServer({ latencyMs: 40, payload: 'json', bodyBytes: 2048 });
  const large = useMockServer({ latencyMs: 40, payload: 'binary', bodyBytes: 256 * 1024 });

  test('the round-trip floor is a small non-negative figure, and bodies under 64 KiB cost nothing', async () => {
    const client = clientConfigSchema.parse({});
    const host = await probeHost({ origin: server().url, path: '/', client, bodyBytes: 2048 });
    assert.ok(Number.isFinite(host.roundTripFloorMs) && host.roundTripFloorMs >= 0, `floor ${host.roundTripFloorMs}`);
    assert.ok(host.roundTripFloorMs < 40, `the floor excludes the 40 ms of server time: ${host.roundTripFloorMs} ms`);
    assert.equal(host.bytesPerMs, undefined);
    const stats = await server().stats();
    assert.equal(stats.byStatus['200'], stats.received, 'the probe asks for no faults');
  });

  test("the loopback bandwidth is measured on the scenario's own bodies", async () => {
    const client = clientConfigSchema.parse({});
    const host = await probeHost({ origin: large().url, path: '/', client, bodyBytes: 256 * 1024 });
    assert.ok(host.bytesPerMs !== undefined && host.bytesPerMs > 0, `bandwidth ${host.bytesPerMs}`);
  });

  test('json parsing is costed on a body the server sends; busy is what it asks for', async () => {
    const origin = { origin: server().url, path: '/', client: clientConfigSchema.parse({}) };
    const busyRate = { busyRoundsPerMs: 1000 };
    assert.ok((await workCostMs({ kind: 'json' }, busyRate, origin)) > 0);
    assert.equal(await workCostMs({ kind: 'busy', ms: 3 }, busyRate, origin), 3);
    assert.equal(await workCostMs({ kind: 'none' }, busyRate, origin), 0);
  });
});
