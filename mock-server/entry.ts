import type { RunningServer } from './http-server.ts';
import type { FromMockServer, ToMockServer } from './messages.ts';
import { startMockServer } from './start-server.ts';

// Child-process entry: the harness owns this process. Ctrl-C reaches the whole process group, so ignore
// SIGINT and let the harness decide when to stop; leave when told (SIGTERM) or when the parent is gone.
let running: RunningServer | undefined;

function send(message: FromMockServer): void {
  process.send?.(message);
}

async function shutdown(): Promise<void> {
  await running?.close();
  process.exit(0);
}

process.on('SIGINT', () => {});
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());
process.on('message', (message: ToMockServer) => {
  if (message.type !== 'start' || running) return;
  startMockServer(message.profile, { host: message.host, port: message.port }).then(
    (server) => {
      running = server;
      send({ type: 'ready', url: server.url });
    },
    (error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code ?? 'START_FAILED';
      send({ type: 'failed', code, message: error instanceof Error ? error.message : String(error) });
    },
  );
});

send({ type: 'listening' });
