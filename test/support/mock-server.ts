import { after, before } from 'node:test';
import { startMockServerProcess, type MockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema, type ServerProfileInput } from '../../mock-server/profile.ts';

/** Starts a real mock-server process for the enclosing suite and ends it afterwards. */
export function useMockServer(profile: ServerProfileInput): () => MockServerProcess {
  let server: MockServerProcess | undefined;
  before(async () => {
    server = await startMockServerProcess(serverProfileSchema.parse(profile));
  });
  after(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('mock server not started');
    return server;
  };
}
