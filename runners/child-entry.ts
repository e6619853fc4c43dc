import { executeBatch } from './batch.ts';
import { clientFor, closeClients } from './client-cache.ts';
import { toWire, type ProcessUsage } from './outcome.ts';
import type { FromChild, ToChild, WorkerSetup } from './worker-messages.ts';

// Forked worker process. Ctrl-C reaches the whole process group: ignore SIGINT and let the harness end us.
let setup: WorkerSetup | undefined;

function send(message: FromChild): void {
  process.send?.(message);
}

function usageSince(cpuBefore: NodeJS.CpuUsage): ProcessUsage {
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuUserUs: cpu.user, cpuSystemUs: cpu.system, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

async function shutdown(): Promise<void> {
  await closeClients();
  process.exit(0);
}

process.on('SIGINT', () => {});
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());
process.on('message', (message: ToChild) => {
  if (message.type === 'setup') {
    setup = message.setup;
    clientFor(setup, message.inFlight);
    send({ type: 'ready' });
    return;
  }
  if (!setup) {
    send({ type: 'failed', id: message.id, code: 'NOT_SET_UP', message: 'batch received before setup' });
    return;
  }
  const cpuBefore = process.cpuUsage();
  executeBatch(clientFor(setup, message.plan.concurrency), message.plan, setup.work, () => usageSince(cpuBefore)).then(
    (outcome) => send({ type: 'done', id: message.id, outcome: toWire(outcome) }),
    (error: unknown) =>
      send({ type: 'failed', id: message.id, code: 'BATCH_FAILED', message: error instanceof Error ? error.message : String(error) }),
  );
});

send({ type: 'listening' });
