import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { stopChild, trackChild } from '../../common/child-processes.ts';
import { formatRequestIdentity, REQUEST_IDENTITY_HEADER, streamOf } from '../../common/request-identity.ts';
import { medianInterval } from '../../harness/statistics/median-interval.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema } from '../../mock-server/profile.ts';
import { batchSetup } from '../../runners/batch-spec.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { startModelHost } from '../../runners/host/model-host.ts';
import { PYTHON_BARE_AIOHTTP_SCRIPT } from '../../runners/python/host-command.ts';
import { findPythonInterpreter, type PythonInterpreter } from '../../runners/python/interpreter.ts';
import { runnerDescriptor } from '../../runners/registry.ts';
import { NO_WORK } from '../../runners/work.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';
import { PINNING, pinClient, pinServer } from './wrk.ts';

const IN_FLIGHT = 100;
const REQUESTS = 2000;
/** Pairs of fresh processes: a process keeps its cost a request for its whole life, so one pair can lean several percent. */
const BLOCKS = 4;
const ROUNDS = 6;
const TARGET = 0.9;
const bareLineSchema = z.object({ cpuUs: z.number() });
const SAME_LENGTH_IDENTITY = formatRequestIdentity({ stream: streamOf('self-bench'), iteration: 1, index: 1234, attempt: 0 });

/** One round: requests/s timed here, and CPU microseconds per request as the process itself read them. */
interface Round {
  readonly rate: number;
  readonly cpuUsPerRequest: number;
}

interface Side {
  round(): Promise<Round>;
  close(): Promise<void>;
}

/** runners/python/bare_aiohttp.py --wait: the same aiohttp loop without the protocol, one round per line sent. */
function bareAiohttp(interpreter: PythonInterpreter, origin: string, identity: boolean): Side {
  const header = identity ? ['--header', `${REQUEST_IDENTITY_HEADER}=${SAME_LENGTH_IDENTITY}`] : [];
  const args = [PYTHON_BARE_AIOHTTP_SCRIPT, `${origin}/`, String(REQUESTS), String(IN_FLIGHT), '1000000', '--wait', ...header];
  const child = trackChild(spawn(interpreter.path, args, { stdio: ['pipe', 'pipe', 'inherit'] }));
  if (child.pid !== undefined) pinClient(child.pid);
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      wake?.();
    });
  }
  return {
    async round() {
      const begin = performance.now();
      child.stdin?.write('\n');
      while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const rate = (REQUESTS / (performance.now() - begin)) * 1000;
      const { cpuUs } = bareLineSchema.parse(JSON.parse(lines.shift() ?? ''));
      return { rate, cpuUsPerRequest: cpuUs / REQUESTS };
    },
    close: () => stopChild(child),
  };
}

/** python-asyncio in its model host, driven over the runner protocol as bench drives it. */
async function asyncioHost(interpreter: PythonInterpreter, origin: string, identity: boolean): Promise<Side> {
  const host = await startModelHost(runnerDescriptor('python-asyncio'), 1, { python: interpreter });
  pinClient(host.pid);
  const setup = batchSetup(
    { origin, client: defaultClientConfig, work: { cpuWork: NO_WORK, busyRate: { busyRoundsPerMs: 1 } } },
    1,
    identity,
  );
  let iteration = 0;
  return {
    async round() {
      const batch = {
        setup,
        path: '/',
        requests: REQUESTS,
        concurrency: IN_FLIGHT,
        stream: streamOf('self-bench'),
        iteration: iteration++,
      };
      const begin = performance.now();
      const { outcome } = await host.runBatch(batch);
      const rate = (REQUESTS / (performance.now() - begin)) * 1000;
      const cpuUs = outcome.processes.reduce((sum, usage) => sum + usage.cpuUserUs + usage.cpuSystemUs, 0);
      return { rate, cpuUsPerRequest: cpuUs / REQUESTS };
    },
    close: () => host.stop(),
  };
}

/** One pair of fresh processes, warmed once each, then paired rounds in ABBA order: [rate ratio, bare / host CPU] per round. */
async function pairedRounds(interpreter: PythonInterpreter, origin: string, identity: boolean, lines: string[]): Promise<number[][]> {
  const host = await asyncioHost(interpreter, origin, identity);
  const bare = bareAiohttp(interpreter, origin, identity);
  try {
    await host.round();
    await bare.round();
    const ratios: number[][] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const hostFirst = round % 4 === 0 || round % 4 === 3;
      const first = hostFirst ? await host.round() : await bare.round();
      const second = hostFirst ? await bare.round() : await host.round();
      const [hosted, plain] = hostFirst ? [first, second] : [second, first];
      ratios.push([hosted.rate / plain.rate, plain.cpuUsPerRequest / hosted.cpuUsPerRequest]);
      lines.push(
        `python-asyncio ${hosted.rate.toFixed(0)} req/s (${hosted.cpuUsPerRequest.toFixed(0)} us CPU a request), bare aiohttp ${plain.rate.toFixed(0)} req/s (${plain.cpuUsPerRequest.toFixed(0)} us), ratio ${(hosted.rate / plain.rate).toFixed(3)}`,
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
 * The Python host's cost: python-asyncio over the runner protocol (identity, records, retries' checks, a JSON outcome
 * with every latency) against runners/python/bare_aiohttp.py, the same loop without any of it, at 0 ms and 100 in
 * flight, with and without the identity header, in BLOCKS pairs of fresh processes of ROUNDS paired rounds each.
 * Both Python processes share one core and the server has the other (where there are two and taskset exists).
 */
export const pythonSelfBench: SelfBench = async () => {
  const title = 'The Python host against a bare aiohttp loop (issue 26)';
  const search = await findPythonInterpreter();
  if (!search.found) return { title, lines: [`no Python interpreter with requests and aiohttp: ${search.reason}`], checks: [] };
  const lines = [PINNING ? 'Python processes on core 0, mock server on core 1' : 'not pinned (one core, or no taskset)'];
  const checks: SelfBenchCheck[] = [];
  const server = await startMockServerProcess(serverProfileSchema.parse({ latencyMs: 0, bodyBytes: 256 }));
  pinServer(server.pid);
  try {
    for (const identity of [false, true]) {
      const all: number[][] = [];
      for (let block = 0; block < BLOCKS; block += 1) all.push(...(await pairedRounds(search.interpreter, server.url, identity, lines)));
      const rates = all.map(([rate = 0]) => rate);
      const median = medianInterval(rates).median;
      const label = identity ? 'with the identity header (bare: one of the same length)' : 'without the identity header';
      lines.push(`${label}: requests/s ratio ${summary(rates)}; CPU a request, bare / host: ${summary(all.map(([, cpu = 0]) => cpu))}`);
      checks.push({
        name: `python-asyncio / bare aiohttp, 0 ms, ${IN_FLIGHT} in flight, ${label}`,
        measured: `ratio ${median.toFixed(3)} (median of ${BLOCKS} x ${ROUNDS} paired rounds)`,
        target: `>= ${TARGET}`,
        pass: median >= TARGET,
      });
    }
  } finally {
    await server.stop();
  }
  return { title, lines, checks };
};
