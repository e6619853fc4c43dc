import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopAllChildren } from '../common/child-processes.ts';
import { formatRequestIdentity } from '../common/request-identity.ts';
import { seededRandom } from '../common/seeded-random.ts';
import { payloadBody } from '../mock-server/payload.ts';
import { jitterRandom, retryDelayMs } from '../runners/backoff.ts';
import { retryPolicySchema } from '../runners/client-config.ts';
import { parseServerTiming } from '../runners/server-timing.ts';
import { findPythonInterpreter, type PythonInterpreter } from '../runners/python/interpreter.ts';
import { createNodeRunner } from '../runners/host/load-runner.ts';
import type { Batch } from '../runners/types.ts';
import { busyRounds, extractLinks, prepareWork, type CpuWork } from '../runners/work.ts';
import { testBatch, TEST_STREAM } from './support/test-batch.ts';
import {
  answeredIdentities,
  drawnByIdentity,
  runPythonHost,
  untilServerAnswered,
  usePythonTestServer,
  withRetries,
  withTimeouts,
} from './support/python-batches.ts';
import { allEnded, PythonHost, processAlive, runPythonSnippet } from './support/python-host.ts';

const PYTHON_RUNNERS = [
  'python-sequential',
  'python-threading',
  'python-multiprocessing',
  'python-asyncio',
  'python-asyncio-uvloop',
] as const;
const REQUESTS = 60;
const IN_FLIGHT = 6;

const search = await findPythonInterpreter();
const skip = search.found ? false : `no Python interpreter for the Python runners: ${search.reason}`;
const interpreter = (): PythonInterpreter => {
  if (!search.found) throw new Error(search.reason);
  return search.interpreter;
};

after(() => stopAllChildren());

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('Python model hosts', { skip }, () => {
  describe('each of the five models runs a batch as the protocol says', () => {
    const server = usePythonTestServer({ latencyMs: 3, recordRequests: true });

    for (const runner of PYTHON_RUNNERS) {
      test(`${runner}: right counts, every identity answered once, never more in flight than asked`, async () => {
        const inFlight = runner === 'python-sequential' ? 1 : IN_FLIGHT;
        const batches = [0, 1].map((iteration) => testBatch(server().url, REQUESTS, IN_FLIGHT, undefined, undefined, iteration));
        const [, measured] = await runPythonHost(interpreter(), runner, batches, () => server().resetStats());
        assert.ok(measured);
        const { outcome } = measured;
        assert.equal(outcome.requests, REQUESTS);
        assert.equal(outcome.ok, REQUESTS);
        assert.deepEqual(outcome.statusCounts, { 200: REQUESTS });
        assert.deepEqual(outcome.errorsByKind, {});
        assert.equal(outcome.bytes, REQUESTS * 256);
        assert.equal(outcome.latenciesUs.length, REQUESTS);
        assert.equal(sum(outcome.requestsByLoop), REQUESTS);
        assert.ok(outcome.split.serverServeMs > 0, 'the Server-Timing split was read');
        const expected = Array.from({ length: REQUESTS }, (_, index) => ({ stream: TEST_STREAM, iteration: 1, index, attempt: 0 }));
        assert.deepEqual(await answeredIdentities(server()), expected.map(formatRequestIdentity).sort(), 'each once');
        const stats = await server().stats();
        assert.ok(stats.maxInFlight <= inFlight, `the server saw ${stats.maxInFlight} in flight, at most ${inFlight} asked`);
      });
    }
  });

  describe('identical workload: the server meets the same tries from the Python models as from a Node model', () => {
    const server = usePythonTestServer({
      latencyMs: 4,
      latencyDistribution: 'lognormal',
      latencySpreadMs: 6,
      latencyMaxMs: 40,
      errorRate: 0.15,
      recordRequests: true,
      seed: 11,
    });

    test('every try of every request, retries and their jitter included, draws the same latency and fault', async () => {
      const batch = withRetries(testBatch(server().url, REQUESTS, IN_FLIGHT, undefined, undefined, 3), 2);
      const node = await createNodeRunner('promise-concurrent', { poolSize: 2 });
      await node.start();
      await server().resetStats();
      try {
        await node.runBatch(batch);
      } finally {
        await node.stop();
      }
      const reference = drawnByIdentity((await server().requests()).requests);
      assert.ok(reference.size > REQUESTS, `retries were drawn too (${reference.size} tries for ${REQUESTS} requests)`);
      for (const runner of PYTHON_RUNNERS) {
        const [outcome] = await runPythonHost(interpreter(), runner, [batch], () => server().resetStats());
        assert.deepEqual(drawnByIdentity((await server().requests()).requests), reference, `${runner} met the same sequence`);
        assert.equal(outcome?.outcome.retries, reference.size - REQUESTS, `${runner} counted its retries`);
      }
    });
  });

  describe('faults end as the error kinds the server chose', () => {
    const server = usePythonTestServer({ latencyMs: 2, errorRate: 0.2, resetRate: 0.1, stallRate: 0.1, recordRequests: true, seed: 5 });

    for (const runner of ['python-sequential', 'python-asyncio'] as const) {
      test(`${runner} (${runner === 'python-sequential' ? 'requests' : 'aiohttp'}): 500 -> http_5xx, reset -> reset, stall -> timeout`, async () => {
        const batch = withTimeouts(testBatch(server().url, 40, 4), 300);
        const [measured] = await runPythonHost(interpreter(), runner, [batch], () => server().resetStats());
        const faults = { error: 0, reset: 0, stall: 0 };
        for (const record of (await server().requests()).requests) if (record.fault) faults[record.fault] += 1;
        assert.ok(faults.error > 0 && faults.reset > 0 && faults.stall > 0, `every fault was drawn (${JSON.stringify(faults)})`);
        const expected = { http_5xx: faults.error, reset: faults.reset, timeout: faults.stall };
        assert.deepEqual(measured?.outcome.errorsByKind, expected);
        assert.equal(measured?.outcome.ok, 40 - faults.error - faults.reset - faults.stall);
      });
    }
  });

  describe('the same arithmetic as the Node code', () => {
    const python = (program: string, input: unknown): unknown => runPythonSnippet(interpreter(), program, input);

    test('the retry jitter draw is bit for bit jitterRandom, for edge and random inputs', () => {
      const random = seededRandom(42);
      const uint32 = (): number => Math.floor(random() * 2 ** 32);
      const edges = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
      const inputs: number[][] = edges.map((edge) => [edge, edge, edge, edge, edge]);
      for (let i = 0; i < 5000; i += 1) inputs.push([uint32(), uint32(), uint32() % 1000, uint32() % 100_000, uint32() % 20]);
      const draws = python(
        'from model_host.backoff import jitter_random\nprint(json.dumps([jitter_random(*t) for t in json.load(sys.stdin)]))',
        inputs,
      );
      assert.deepEqual(
        draws,
        inputs.map(([s = 0, st = 0, it = 0, ix = 0, r = 0]) => jitterRandom(s, st, it, ix, r)),
      );
    });

    test('retry waits, the busy loop, the html links and the Server-Timing split match the Node functions', async () => {
      await prepareWork({ kind: 'html' });
      const policy = retryPolicySchema.parse({ maxRetries: 5, baseDelayMs: 7, maxDelayMs: 300, maxRetryAfterMs: 1500 });
      const cases: [number, string | null, number][] = [
        [0, null, 0.25],
        [3, null, 0.999],
        [9, null, 0.5],
        [1, '2', 0.5],
        [1, '0.25', 0.5],
        [2, '60', 0.5],
        [2, 'soon', 0.75],
      ];
      const html = payloadBody('html', 4096).toString();
      const timings = ['queue;dur=0.000, serve;dur=16.021', 'serve;dur=3', 'queue;dur=1.5, serve;dur=2.25, late;dur=9', 'late;dur=4', ''];
      const busy: [number, number][] = [
        [0, 1],
        [1, 1],
        [1000, 7],
        [12345, 0x9e3779b9],
      ];
      const answer = python(
        [
          'from model_host.backoff import retry_delay_ms',
          'from model_host.batch_spec import RetryPolicy',
          'from model_host.work import busy_rounds, extract_links',
          'from model_host.server_timing import parse_server_timing',
          'given = json.load(sys.stdin)',
          'policy = RetryPolicy(5, 7, 300, True, 1500, frozenset())',
          'print(json.dumps({"waits": [retry_delay_ms(r, policy, after, x) for r, after, x in given["cases"]],',
          '  "busy": [busy_rounds(n, s) for n, s in given["busy"]], "links": extract_links(given["html"]),',
          '  "timings": [None if math.isnan(q) else [q, s] for q, s in map(parse_server_timing, given["timings"])]}))',
        ].join('\n'),
        { cases, busy, html, timings },
      );
      assert.deepEqual(answer, {
        waits: cases.map(([retry, after, random]) => retryDelayMs(retry, policy, after ?? undefined, () => random)),
        busy: busy.map(([rounds, seed]) => busyRounds(rounds, seed) >>> 0),
        links: extractLinks(html),
        timings: timings.map((header) => {
          const timing = parseServerTiming(header);
          return timing === undefined ? null : [timing.queueMs, timing.serveMs];
        }),
      });
    });
  });

  describe('the protocol and the life of a host', () => {
    const server = usePythonTestServer({ latencyMs: 2 });

    test('a malformed line gets one failed line naming what was wrong, and the host keeps serving', async () => {
      const host = new PythonHost(interpreter());
      try {
        host.sendLine('not json');
        assert.deepEqual(await host.next(), {
          type: 'failed',
          id: null,
          code: 'BAD_MESSAGE',
          message: 'Expected a JSON object on one line, got `not json` (Expecting value: line 1 column 1 (char 0))',
        });
        await host.start('python-threading');
        const good = testBatch(server().url, 10, 2);
        host.send({ type: 'batch', id: 4, batch: { ...good, requests: -1 } });
        const bad = await host.next();
        assert.deepEqual(bad, {
          type: 'failed',
          id: 4,
          code: 'BAD_MESSAGE',
          message: 'Expected `batch.requests` to be an integer in [0, 100000000], got `-1`',
        });
        host.send({ type: 'batch', id: 5, batch: { ...good, limiter: 'p-limit' } });
        const unsupported = await host.next();
        assert.equal(unsupported.type === 'failed' && unsupported.code, 'UNSUPPORTED');
        assert.match(unsupported.type === 'failed' ? unsupported.message : '', /limiter `p-limit`/);
        assert.equal((await host.batch(6, good)).outcome.ok, 10, 'the host still serves');
        assert.equal(host.lines.length, 5, 'one line per message, nothing else on stdout');
      } finally {
        await host.stop();
      }
    });

    test('stdin closed: the host and every worker of its pool exit, with code 0', async () => {
      const host = new PythonHost(interpreter());
      const ready = await host.start('python-multiprocessing', 2);
      assert.equal(ready.workerPids.length, 2);
      await host.batch(1, testBatch(server().url, 20, 4));
      host.closeInput();
      assert.deepEqual(await host.exited, { code: 0, signal: null });
      assert.ok(await allEnded(ready.workerPids), `workers ${ready.workerPids.join(', ')} ended with the host`);
    });

    test('a SIGKILLed host leaves no worker behind, even mid-batch', async () => {
      const host = new PythonHost(interpreter());
      const ready = await host.start('python-multiprocessing', 2);
      await server().resetStats();
      host.send({ type: 'batch', id: 1, batch: testBatch(server().url, 100_000, 4) });
      await untilServerAnswered(server());
      host.child.kill('SIGKILL');
      await host.exited;
      assert.ok(await allEnded(ready.workerPids), `workers ${ready.workerPids.join(', ')} left once their parent was gone`);
    });

    test('a pool worker killed mid-batch fails the batch with one line, and the rest of the pool ends too', async () => {
      const host = new PythonHost(interpreter());
      try {
        const ready = await host.start('python-multiprocessing', 2);
        await server().resetStats();
        host.send({ type: 'batch', id: 1, batch: testBatch(server().url, 100_000, 4) });
        await untilServerAnswered(server());
        process.kill(ready.workerPids[0] ?? -1, 'SIGKILL');
        const failed = await host.next();
        assert.deepEqual(failed, {
          type: 'failed',
          id: 1,
          code: 'BATCH_FAILED',
          message: `RuntimeError: worker process ${ready.workerPids[0]} of the pool ended mid-batch`,
        });
        assert.ok(await allEnded(ready.workerPids), 'no worker goes on with its share');
      } finally {
        await host.stop();
      }
    });

    test('SIGINT is ignored; SIGTERM mid-batch ends the host with code 0', async () => {
      for (const runner of ['python-threading', 'python-asyncio-uvloop']) {
        const host = new PythonHost(interpreter());
        await host.start(runner);
        host.child.kill('SIGINT');
        assert.equal((await host.batch(1, testBatch(server().url, 10, 2))).outcome.ok, 10, `${runner} ignored SIGINT`);
        await server().resetStats();
        host.send({ type: 'batch', id: 2, batch: testBatch(server().url, 100_000, 2) });
        await untilServerAnswered(server());
        host.child.kill('SIGTERM');
        assert.deepEqual(await host.exited, { code: 0, signal: null }, `${runner} left on SIGTERM`);
        assert.ok(!processAlive(host.pid));
      }
    });
  });

  describe('json and html work parse the bodies', () => {
    const server = usePythonTestServer({ latencyMs: 1 });

    for (const runner of ['python-sequential', 'python-asyncio'] as const) {
      test(`${runner}: every body parsed, its time in the split's work`, async () => {
        for (const kind of ['json', 'html'] as const) {
          const batch = { ...testBatch(server().url, 20, 4, { kind }), path: `/?payload=${kind}&size=8192` };
          const [measured] = await runPythonHost(interpreter(), runner, [batch]);
          assert.equal(measured?.outcome.ok, 20, `${kind}: every answer ok`);
          assert.equal(measured?.outcome.bytes, 20 * 8192);
          assert.ok((measured?.outcome.split.workMs ?? 0) > 0, `${kind}: the parsing was timed`);
        }
      });
    }

    test('a body that is not what the work parses fails the batch with one line', async () => {
      const batch = { ...testBatch(server().url, 4, 2, { kind: 'json' }), path: '/?payload=html' };
      const host = new PythonHost(interpreter());
      try {
        await host.start('python-threading');
        host.send({ type: 'batch', id: 9, batch });
        const failed = await host.next();
        assert.equal(failed.type, 'failed');
        assert.equal(failed.type === 'failed' && failed.code, 'BATCH_FAILED');
        assert.equal((await host.batch(10, testBatch(server().url, 4, 2))).outcome.ok, 4, 'the host still serves');
      } finally {
        await host.stop();
      }
    });
  });

  describe('cpu-bound: 5 ms of calibrated CPU per response', () => {
    const server = usePythonTestServer({ latencyMs: 0 });
    const busy: CpuWork = { kind: 'busy', ms: 5 };

    test('python-threading stays near one core (the GIL); python-multiprocessing runs the work in both processes', async (t) => {
      const batch = (iteration: number): Batch => testBatch(server().url, 60, 4, busy, 1, iteration);
      const [, threads] = await runPythonHost(interpreter(), 'python-threading', [batch(0), batch(1)]);
      const [, processes] = await runPythonHost(interpreter(), 'python-multiprocessing', [batch(0), batch(1)]);
      assert.ok(threads && processes);
      const cores = (measured: typeof threads): number => {
        const cpuUs = measured.outcome.processes.reduce((sum, p) => sum + p.cpuUserUs + p.cpuSystemUs, 0);
        return cpuUs / 1000 / measured.wallMs;
      };
      t.diagnostic(
        `python-threading ${cores(threads).toFixed(2)} cores, ${threads.wallMs.toFixed(0)} ms; python-multiprocessing ${cores(processes).toFixed(2)} cores, ${processes.wallMs.toFixed(0)} ms`,
      );
      // CPU time over wall time can only fall on a busy machine, never rise: one core plus the system time is the GIL's ceiling.
      assert.ok(cores(threads) <= 1.3, `python-threading used ${cores(threads).toFixed(2)} cores`);
      assert.ok(threads.outcome.split.workMs >= 60 * 5 * 0.8, 'the busy work took about 5 ms of CPU per response');
      // Each process reports its own CPU: the busy work of the requests it ran is in it, not in one process for both.
      const { processes: usages, requestsByLoop } = processes.outcome;
      assert.equal(usages.length, 2);
      assert.equal(new Set(usages.map((usage) => usage.pid)).size, 2);
      for (const [i, usage] of usages.entries()) {
        const ran = requestsByLoop[i] ?? 0;
        assert.ok(ran > 0, `process ${usage.pid} ran requests`);
        assert.ok(
          usage.cpuUserUs >= ran * 5 * 1000 * 0.5,
          `process ${usage.pid} ran ${ran} requests' work in ${usage.cpuUserUs} us of CPU`,
        );
      }
    });
  });
});

describe('finding a Python interpreter', () => {
  test('an interpreter that lacks the libraries, or is not Python, is refused with one line saying how to install them', async () => {
    for (const explicit of ['/nonexistent/python3', process.execPath]) {
      const refused = await findPythonInterpreter(explicit);
      assert.equal(refused.found, false);
      const reason = refused.found ? '' : refused.reason;
      assert.ok(!reason.includes('\n'), 'one line');
      assert.match(reason, /apt-get install python3-requests python3-aiohttp python3-uvloop/);
      assert.match(reason, /scripts\/setup-system\.sh/);
    }
  });

  test('the answer is asked once per process', { skip }, () => {
    assert.equal(findPythonInterpreter(), findPythonInterpreter());
    assert.match(interpreter().version, /^3\.\d+\.\d+$/);
  });
});
