import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from '../../common/child-processes.ts';
import { waitForMessage } from '../../common/ipc.ts';
import jStat from 'jstat';
import { levelBatches } from '../../harness/measure/measure-runner.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import { startModelHost } from '../../runners/host/model-host.ts';
import { runnerDescriptor } from '../../runners/registry.ts';
import { NO_WORK } from '../../runners/work.ts';
import type { CannonTask } from './autocannon-child.ts';
import type { CannonFigures } from './load.ts';
import { hostBusyRate, planFor } from './measure-plan.ts';
import type { SelfBenchCheck } from './section.ts';

const AUTOCANNON_CHILD = fileURLToPath(new URL('./autocannon-child.js', import.meta.url));
const IN_FLIGHT = 50;
const LATENCY_MS = 20;
const ROUND_SECONDS = 2;
const ROUNDS = 5;
const TARGET = 0.97;

/**
 * (f) The harness against an independent load generator: promise-concurrent in its model host at 50 in flight and
 * autocannon with 50 connections in a process of its own, against one mock server at 20 ms, in interleaved rounds
 * of about two seconds each (ABBA order), after one warm-up round of each. At 20 ms the server's latency, not the
 * client's CPU, sets the pace, so a gap here is what the harness adds to every request's turn-around.
 */
export async function againstAutocannon(lines: string[]): Promise<SelfBenchCheck> {
  const requests = Math.round((IN_FLIGHT / LATENCY_MS) * 1000 * ROUND_SECONDS);
  const plan = planFor({ server: { latencyMs: LATENCY_MS, bodyBytes: 256 }, workload: { requests }, concurrency: [IN_FLIGHT] });
  const server = await startMockServerProcess(plan.server);
  const host = await startModelHost(runnerDescriptor('promise-concurrent'), 1);
  const generator = trackChild(fork(AUTOCANNON_CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  try {
    await waitForMessage<unknown, true>(generator, (m) => (m === 'ready' ? true : undefined), 'autocannon process', 30_000);
    const parts = { origin: server.url, client: plan.client, work: { cpuWork: NO_WORK, busyRate: hostBusyRate() } };
    const batches = levelBatches({ setup: parts, path: '/', requests, concurrency: IN_FLIGHT }, plan);
    let iteration = 0;
    // Errors on autocannon's side fail this check, not the whole part (checks (a) to (e) stand on their own).
    let cannonErrors = '';
    const harnessRate = async (): Promise<number> => {
      const hosted = await host.runBatch(batches(iteration++));
      return (requests / hosted.wallMs) * 1000;
    };
    const cannonRate = async (): Promise<number> => {
      const task: CannonTask = { url: server.url, connections: IN_FLIGHT, seconds: ROUND_SECONDS };
      const answer = waitForMessage<CannonFigures, CannonFigures>(generator, (m) => m, 'autocannon process', 60_000);
      generator.send(task);
      const figures = await answer;
      if ((figures.errors > 0 || figures.non2xx > 0) && cannonErrors === '') {
        cannonErrors = `, autocannon saw ${figures.errors} errors and ${figures.non2xx} non-2xx answers`;
      }
      return figures.servedPerSecond;
    };
    await harnessRate();
    await cannonRate();
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const harnessFirst = round % 4 === 0 || round % 4 === 3;
      const first = harnessFirst ? await harnessRate() : await cannonRate();
      const second = harnessFirst ? await cannonRate() : await harnessRate();
      const [harness, generatorRate] = harnessFirst ? [first, second] : [second, first];
      ratios.push(harness / generatorRate);
      lines.push(
        `(f) round ${round + 1}: promise-concurrent ${harness.toFixed(0)} req/s, autocannon ${generatorRate.toFixed(0)} req/s, ratio ${(harness / generatorRate).toFixed(3)}`,
      );
    }
    const median = jStat.median(ratios);
    return {
      name: `(f) promise-concurrent / autocannon, ${IN_FLIGHT} in flight, ${LATENCY_MS} ms, one mock server`,
      measured: `ratio ${median.toFixed(3)} (median of ${ROUNDS} interleaved rounds)${cannonErrors}`,
      target: `>= ${TARGET}, no errors`,
      pass: median >= TARGET && cannonErrors === '',
    };
  } finally {
    await stopChild(generator);
    await host.stop();
    await server.stop();
  }
}
