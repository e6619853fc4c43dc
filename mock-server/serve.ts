import { startCluster } from './cluster.ts';
import { startHttpServer, type ListenOptions, type RunningServer } from './http-server.ts';
import { resolveServerProfile, type ServerProfile } from './profile.ts';

/** Starts the mock server in this process, or as a node:cluster of `profile.workers` processes on one port. */
export async function serveMock(profile: ServerProfile, listen: ListenOptions): Promise<RunningServer> {
  const resolved = resolveServerProfile(profile);
  if (resolved.workers > 1) return startCluster(resolved, listen);
  const { url, close } = await startHttpServer(resolved, listen);
  return { url, close };
}
