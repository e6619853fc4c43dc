import { ownedByParent } from '../common/owned-process.ts';
import { ClientCache } from './client-cache.ts';
import { toWire, type ProcessUsage } from './outcome.ts';
import { runShare } from './run-share.ts';
import type { FromChild, ToChild } from './worker-messages.ts';

// Forked worker process, owned by the harness.
const clients = new ClientCache();

function send(message: FromChild): void {
  process.send?.(message);
}

function usageSince(cpuBefore: NodeJS.CpuUsage): ProcessUsage {
  const cpu = process.cpuUsage(cpuBefore);
  return { pid: process.pid, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

ownedByParent(() => clients.closeAll());
process.on('message', (message: ToChild) => {
  const cpuBefore = process.cpuUsage();
  runShare(clients, message.task, () => usageSince(cpuBefore)).then(
    (outcome) => send({ type: 'done', id: message.id, outcome: toWire(outcome) }),
    (error: unknown) =>
      send({ type: 'failed', id: message.id, code: 'BATCH_FAILED', message: error instanceof Error ? error.message : String(error) }),
  );
});

send({ type: 'ready' });
