import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { stopChild, stopAllChildren, trackChild } from '../../common/child-processes.ts';
import { formatRequestIdentity, REQUEST_IDENTITY_HEADER, streamOf } from '../../common/request-identity.ts';
import { medianInterval } from '../../harness/statistics/median-interval.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema } from '../../mock-server/profile.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { batchSetup } from '../../runners/batch-spec.ts';
import { PYTHON_BARE_AIOHTTP_SCRIPT } from '../../runners/python/host-command.ts';
import { findPythonInterpreter, type PythonInterpreter } from '../../runners/python/interpreter.ts';
import { NO_WORK } from '../../runners/work.ts';
import { PythonHost } from './python-host.ts';

/**
 * The Python host's cost: python-asyncio driven over the runner protocol (identity, records, retries' checks,
 * JSON outcome with every latency) against runners/python/bare_aiohttp.py, the same shape without any of it,
 * at 0 ms and 100 in flight, in paired rounds (ABBA order, as bench:self's harness cost); each side's rate is
 * timed here, around the message that starts a round and the line that ends it.
 *
 *   node dist/test/support/python-harness-cost.js [BLOCKS] [ROUNDS] [REQUESTS]
 */

const IN_FLIGHT = 100;
const bareLineSchema = z.object({ cpuUs: z.number() });
const SAME_LENGTH_IDENTITY = formatRequestIdentity({ stream: streamOf('self-bench'), iteration: 1, index: 1234, attempt: 0 });

/** One round: requests/s timed here, and CPU microseconds per request as the process itself read them. */
interface Round {
  readonly rate: number;
  readonly cpuUsPerRequest: number;
}

interface Side {
  batch(): Promise<Round>;
  close(): Promise<void>;
}

/**
 * Both Python processes on one core and the server on the other, when there are two and taskset exists (as
 * bench:self pins wrk): unpinned, one process of a pair can spend its life on the server's busier core and cost a
 * third more CPU a request than its partner, for as long as it lives.
 */
const PINNING = availableParallelism() >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).error === undefined;
const CLIENT_CORE = '0';
const SERVER_CORE = '1';

function pin(pid: number | undefined, core: string): void {
  if (PINNING && pid !== undefined) spawnSync('taskset', ['-a', '-pc', core, String(pid)], { stdio: 'ignore' });
}

/** bare_aiohttp.py --wait: one round per line sent, its rate timed here. */
function bareAiohttp(interpreter: PythonInterpreter, origin: string, requests: number, identity: boolean): Side {
  const header = identity ? ['--header', `${REQUEST_IDENTITY_HEADER}=${SAME_LENGTH_IDENTITY}`] : [];
  const args = [PYTHON_BARE_AIOHTTP_SCRIPT, `${origin}/`, String(requests), String(IN_FLIGHT), '1000000', '--wait', ...header];
  const child = trackChild(spawn(interpreter.path, args, { stdio: ['pipe', 'pipe', 'inherit'] }));
  pin(child.pid, CLIENT_CORE);
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      wake?.();
    });
  }
  return {
    async batch() {
      const begin = performance.now();
      child.stdin?.write('\n');
      while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const rate = (requests / (performance.now() - begin)) * 1000;
      const { cpuUs } = bareLineSchema.parse(JSON.parse(lines.shift() ?? ''));
      return { rate, cpuUsPerRequest: cpuUs / requests };
    },
    close: () => stopChild(child),
  };
}

async function pythonAsyncioHost(interpreter: PythonInterpreter, origin: string, requests: number, identity: boolean): Promise<Side> {
  const host = new PythonHost(interpreter);
  pin(host.pid, CLIENT_CORE);
  await host.start('python-asyncio');
  const setup = batchSetup(
    { origin, client: defaultClientConfig, work: { cpuWork: NO_WORK, busyRate: { busyRoundsPerMs: 1 } } },
    1,
    identity,
  );
  let iteration = 0;
  return {
    async batch() {
      const batch = { setup, path: '/', requests, concurrency: IN_FLIGHT, stream: streamOf('self-bench'), iteration };
      const begin = performance.now();
      const { outcome } = await host.batch(iteration++, batch);
      const rate = (requests / (performance.now() - begin)) * 1000;
      const cpuUs = outcome.processes.reduce((sum, usage) => sum + usage.cpuUserUs + usage.cpuSystemUs, 0);
      return { rate, cpuUsPerRequest: cpuUs / requests };
    },
    close: () => host.stop(),
  };
}

/** Paired rounds of one fresh host and one fresh bare loop: [requests/s ratio, bare / host CPU a request] per round. */
async function pairedRounds(
  interpreter: PythonInterpreter,
  origin: string,
  requests: number,
  identity: boolean,
  rounds: number,
): Promise<number[][]> {
  const host = await pythonAsyncioHost(interpreter, origin, requests, identity);
  const bare = bareAiohttp(interpreter, origin, requests, identity);
  try {
    await host.batch();
    await bare.batch();
    const ratios: number[][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const hostFirst = round % 4 === 0 || round % 4 === 3;
      const first = hostFirst ? await host.batch() : await bare.batch();
      const second = hostFirst ? await bare.batch() : await host.batch();
      const [hosted, plain] = hostFirst ? [first, second] : [second, first];
      ratios.push([hosted.rate / plain.rate, plain.cpuUsPerRequest / hosted.cpuUsPerRequest]);
      console.log(
        `  python-asyncio ${hosted.rate.toFixed(0)} req/s (${hosted.cpuUsPerRequest.toFixed(0)} us CPU a request), bare aiohttp ${plain.rate.toFixed(0)} req/s (${plain.cpuUsPerRequest.toFixed(0)} us), ratio ${(hosted.rate / plain.rate).toFixed(3)}`,
      );
    }
    return ratios;
  } finally {
    await bare.close();
    await host.close();
  }
}

function summary(values: readonly number[]): string {
  const interval = medianInterval(values);
  return `median ${interval.median.toFixed(3)} (95% interval ${interval.low.toFixed(3)} to ${interval.high.toFixed(3)})`;
}

/**
 * BLOCKS pairs of fresh processes, ROUNDS paired rounds each: a process keeps its cost a request for its whole life
 * (its placement, its memory), so one pair alone can lean either way by several percent.
 */
async function main(): Promise<void> {
  const [blocks = 4, rounds = 6, requests = 2000] = process.argv.slice(2).map(Number);
  const search = await findPythonInterpreter();
  if (!search.found) throw new Error(search.reason);
  const server = await startMockServerProcess(serverProfileSchema.parse({ latencyMs: 0, bodyBytes: 256 }));
  pin(server.pid, SERVER_CORE);
  console.log(PINNING ? `python processes on core ${CLIENT_CORE}, mock server on core ${SERVER_CORE}` : 'not pinned');
  try {
    for (const identity of [false, true]) {
      const all: number[][] = [];
      for (let block = 0; block < blocks; block += 1) {
        console.log(`block ${block + 1} (fresh processes):`);
        all.push(...(await pairedRounds(search.interpreter, server.url, requests, identity, rounds)));
      }
      const label = identity ? 'with the identity header (bare: one of the same length)' : 'without the identity header';
      console.log(
        `python-asyncio / bare aiohttp loop, 0 ms, ${IN_FLIGHT} in flight, ${requests} requests a round, ${label}, ${blocks} x ${rounds} paired rounds: requests/s ratio ${summary(all.map(([rate = 0]) => rate))}, target >= 0.90; CPU a request, bare / host: ${summary(all.map(([, cpu = 0]) => cpu))}`,
      );
    }
  } finally {
    await server.stop();
    await stopAllChildren();
  }
}

await main();
