import { performance } from 'node:perf_hooks';
import { ownedByParent } from '../../common/owned-process.ts';
import type { ProcessUsage } from '../outcome.ts';
import type { Runner } from '../types.ts';
import { settleHeap } from './heap-settle.ts';
import { loadNodeRunner } from './load-runner.ts';
import type { FromHostInput, ToHost } from './protocol.ts';

// A Node model host (docs/runner-protocol.md): forked by the orchestrator with `<module> <factory> <pool size>`,
// it runs one model's batches and nothing else.

function send(message: FromHostInput, then?: () => void): void {
  if (process.send) process.send(message, undefined, undefined, () => then?.());
  else then?.();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hostUsage(cpuBefore: NodeJS.CpuUsage): ProcessUsage {
  const cpu = process.cpuUsage(cpuBefore);
  return { pid: process.pid, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

async function runBatch(runner: Runner, message: Extract<ToHost, { type: 'batch' }>): Promise<void> {
  // Outside the timed window: collect the previous batch's garbage, then read the clocks.
  settleHeap();
  const cpuBefore = process.cpuUsage();
  const loopBefore = performance.eventLoopUtilization();
  const startedAt = performance.now();
  try {
    const outcome = await runner.runBatch(message.batch);
    const wallMs = performance.now() - startedAt;
    const endedAtMs = performance.timeOrigin + performance.now();
    const hostLoopUtilization = performance.eventLoopUtilization(loopBefore).utilization;
    const processes = [...outcome.processes, hostUsage(cpuBefore)];
    send({ type: 'outcome', id: message.id, wallMs, endedAtMs, hostLoopUtilization, outcome: { ...outcome, processes } });
  } catch (error: unknown) {
    send({ type: 'failed', id: message.id, code: 'BATCH_FAILED', message: describe(error) });
  }
}

async function main(): Promise<void> {
  const [module = '', factory = '', poolSize = '1'] = process.argv.slice(2);
  let runner: Runner | undefined;
  ownedByParent(async () => {
    await runner?.stop();
  });
  try {
    runner = await loadNodeRunner({ kind: 'node', module, factory }, { poolSize: Number(poolSize) });
    await runner.start();
  } catch (error: unknown) {
    await runner?.stop().catch(() => undefined);
    // Leave once the message is out: exiting at once can drop it, and the orchestrator would see only an exit code.
    send({ type: 'failed', id: null, code: 'HOST_START_FAILED', message: describe(error) }, () => process.exit(1));
    return;
  }
  const started = runner;
  process.on('message', (message: ToHost) => {
    if (message.type === 'batch') void runBatch(started, message);
    else if (message.type === 'stop') void started.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready', pid: process.pid, workerPids: started.workerPids() });
}

await main();
