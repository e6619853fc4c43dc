import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { probeHost } from '../harness/ideal/host-probe.ts';
import { measuredOutcome } from '../harness/measure/measured-outcome.ts';
import { summarise } from '../harness/measure/summarise.ts';
import { defaultStats } from './support/server-stats.ts';
import { clientConfigSchema } from '../runners/client-config.ts';
import type { ResponseRecord } from '../runners/http-client.ts';
import { OutcomeRecorder } from '../runners/outcome.ts';
import { runnerDescriptor } from '../runners/registry.ts';
import { resolveScenario, runSettings } from '../scenarios/resolve.ts';
import { scenarioSchema } from '../scenarios/schema.ts';

const ANSWER: ResponseRecord = {
  status: 200,
  bytes: 16,
  errorKind: undefined,
  body: undefined,
  attempts: 1,
  backoffMs: 0,
  serverQueueMs: 0,
  serverServeMs: 10,
};

/** A level of `requests` answered requests whose batches took `wallMs` each, against an ideal of `idealMs`. */
function levelAgainstIdeal(wallMs: number, idealMs: number) {
  const plan = resolveScenario(
    scenarioSchema.parse({ id: 'ideal-test', title: 'ideal', concurrency: [4], workload: { requests: 8 } }),
    runSettings(),
  );
  const descriptor = runnerDescriptor('promise-concurrent');
  const samples = [0, 1, 2].map((iteration) => {
    const recorder = new OutcomeRecorder();
    for (let request = 0; request < 8; request += 1) recorder.record(10, ANSWER, 0, 0);
    return {
      iteration,
      outcome: measuredOutcome(recorder.finish(0.1)),
      wallMs,
      memory: { mainPeakRssBytes: 1, workersPeakRssBytes: [] },
      mainLoopUtilization: 0.1,
    };
  });
  return summarise({
    descriptor,
    layout: descriptor.layout(4, 1),
    plan,
    startupMs: 1,
    requests: 8,
    samples,
    wall: { mean: wallMs, sd: 0, min: wallMs, max: wallMs },
    serverStats: defaultStats(),
    ideal: { wallMs: idealMs, limitedBy: 'latency', meanInFlight: 4, perIterationMs: [idealMs, idealMs, idealMs] },
    baselineRssBytes: 1,
  });
}

describe('an ideal that is never beaten', () => {
  test('a wall more than 2% below the exact ideal is marked idealInvalid with the reason, and has no efficiency', () => {
    const beaten = levelAgainstIdeal(20, 21);
    assert.equal(beaten.efficiency, undefined);
    assert.match(beaten.idealInvalid?.reason ?? '', /4\.8% less than the exact ideal's 21\.0 ms/);
    const within = levelAgainstIdeal(20.7, 21);
    assert.equal(within.idealInvalid, undefined, 'within 2%: timer noise, not a wrong ideal');
    assert.ok(within.efficiency !== undefined && within.efficiency > 1);
  });

  test("the host probe measures its floor on a small body and the bandwidth on the scenario's own bodies, apart", async () => {
    const asked: URLSearchParams[] = [];
    const server = createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      asked.push(query);
      res.writeHead(200, { 'server-timing': 'queue;dur=0, serve;dur=0' });
      res.end('x'.repeat(Number(query.get('size') ?? 1_048_576)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const host = await probeHost({ origin, path: '/', client: clientConfigSchema.parse({}), bodyBytes: 1_048_576 });
      const small = asked.filter((query) => query.has('size') && Number(query.get('size')) <= 64).length;
      const own = asked.filter((query) => !query.has('size')).length;
      assert.equal(small + own, asked.length, "every probe asks for a small body or the scenario's own");
      assert.ok(small >= 50, `the floor is taken over many small answers (${small} of ${asked.length})`);
      assert.ok(own >= 5, `the bandwidth over the scenario's own bodies (${own})`);
      assert.ok(host.bytesPerMs !== undefined && host.bytesPerMs > 0);
    } finally {
      server.close();
    }
  });

  test('the bandwidth is timed on warm bodies: a server slow for its first bodies does not make the ideal slow', async () => {
    // Its first 30 own bodies wait 50 ms before the body (Server-Timing says 0), as a cold server and client are slow
    // for their first bodies; timed cold, a 1 MiB body would cost 50 ms in every replay.
    let bodies = 0;
    const server = createServer((req, res) => {
      const size = new URL(req.url ?? '/', 'http://x').searchParams.get('size');
      res.writeHead(200, { 'server-timing': 'queue;dur=0, serve;dur=0' });
      if (size !== null) return void res.end('x'.repeat(Number(size)));
      const body = 'x'.repeat(1_048_576);
      bodies += 1;
      if (bodies <= 30) setTimeout(() => res.end(body), 50);
      else res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const host = await probeHost({ origin, path: '/', client: clientConfigSchema.parse({}), bodyBytes: 1_048_576 });
      const msPerBody = 1_048_576 / (host.bytesPerMs ?? Number.POSITIVE_INFINITY);
      assert.ok(msPerBody < 25, `a 1 MiB body costs ${msPerBody.toFixed(1)} ms in the replay, not the cold bodies' 50`);
    } finally {
      server.close();
    }
  });
});
