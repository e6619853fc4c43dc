import { ownedByParent } from '../common/owned-process.ts';
import { ChunkSource } from './chunk-source.ts';
import { ClientCache } from './client-cache.ts';
import { LimiterCache } from './limiter-cache.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import type { ProcessUsage } from './outcome.ts';
import { runShare } from './run-share.ts';
import type { FromChild, ToChild } from './worker-messages.ts';

// Forked worker process, owned by the harness.
const clients = new ClientCache();
const limiters = new LimiterCache();
const sources = new Map<number, ChunkSource>();
// One recorder for the shares this process runs: copied into the outcome, then reset.
const latency = new LatencyRecorder();

function send(message: FromChild): void {
  process.send?.(message);
}

function usageSince(cpuBefore: NodeJS.CpuUsage): ProcessUsage {
  const cpu = process.cpuUsage(cpuBefore);
  return { pid: process.pid, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

ownedByParent(() => clients.closeAll());
process.on('message', (message: ToChild) => {
  if (message.type === 'indices') {
    sources.get(message.id)?.deliver(message.chunk);
    return;
  }
  const { id, task } = message;
  const cpuBefore = process.cpuUsage();
  const source = new ChunkSource(message.first, task.plan.concurrency, () => send({ type: 'more', id }));
  // Shares arrive one at a time; should one arrive while another still runs, it records into its own.
  const recorder = sources.size === 0 ? latency : undefined;
  sources.set(id, source);
  runShare(clients, task, { source, processUsage: () => usageSince(cpuBefore), limiters, latency: recorder })
    .then(
      (outcome) => send({ type: 'done', id, outcome }),
      (error: unknown) =>
        send({ type: 'failed', id, code: 'BATCH_FAILED', message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      sources.delete(id);
      // Also after a failed share, so the next one starts empty.
      recorder?.reset();
    });
});

send({ type: 'ready' });
