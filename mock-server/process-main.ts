import type { RunningServer } from './http-server.ts';
import type { FromMockServer, ToMockServer } from './messages.ts';
import { serveMock } from './serve.ts';
import { ownedByParent } from '../common/owned-process.ts';

// Child-process entry: the harness owns this process.
let running: RunningServer | undefined;

function send(message: FromMockServer): void {
  process.send?.(message);
}

ownedByParent(async () => {
  await running?.close();
});
process.on('message', (message: ToMockServer) => {
  if (message.type !== 'start' || running) return;
  serveMock(message.profile, { host: message.host, port: message.port }).then(
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
