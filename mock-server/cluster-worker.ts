import { startHttpServer, type RunningServer, type StatsControl } from './http-server.ts';
import type { FromClusterWorker, ToClusterWorker } from './cluster-messages.ts';
import type { ServerStatsSnapshot } from './stats.ts';
import { ownedByParent } from '../common/owned-process.ts';

// One server process of a cluster. The primary decides when to stop: ignore Ctrl-C (it reaches the whole
// process group), stop on SIGTERM or when the primary is gone.
let running: (RunningServer & { readonly service: { stats(): ServerStatsSnapshot; resetStats(): void } }) | undefined;
const waiting = new Map<number, (snapshot: ServerStatsSnapshot) => void>();
let nextId = 0;

function send(message: FromClusterWorker): void {
  process.send?.(message);
}

function askPrimary(reset: boolean): Promise<ServerStatsSnapshot> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    send({ type: 'stats', id, reset });
  });
}

const clusterStats: StatsControl = {
  snapshot: () => askPrimary(false),
  reset: async () => void (await askPrimary(true)),
};

ownedByParent(async () => {
  await running?.close();
});
process.on('message', (message: ToClusterWorker) => {
  if (message.type === 'start' && !running) {
    startHttpServer(message.profile, message.listen, clusterStats).then(
      (server) => {
        running = server;
        send({ type: 'listening', port: Number(new URL(server.url).port) });
      },
      (error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code ?? 'START_FAILED';
        send({ type: 'failed', code, message: error instanceof Error ? error.message : String(error) });
      },
    );
  } else if (message.type === 'snapshot' && running) {
    if (message.reset) running.service.resetStats();
    send({ type: 'snapshot', id: message.id, snapshot: running.service.stats() });
  } else if (message.type === 'stats') {
    waiting.get(message.id)?.(message.snapshot);
    waiting.delete(message.id);
  }
});

send({ type: 'loaded' });
