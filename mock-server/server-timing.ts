/**
 * The standard Server-Timing header with exactly two metrics, so a client can split its latency into the
 * server's queue wait, the server's own time and the rest (network, client):
 * `Server-Timing: queue;dur=0.000, serve;dur=16.021`.
 */
export const SERVER_TIMING_HEADER = 'server-timing';

export function formatServerTiming(queueMs: number, serveMs: number): string {
  return `queue;dur=${queueMs.toFixed(3)}, serve;dur=${serveMs.toFixed(3)}`;
}

export function parseServerTiming(header: string | undefined): { queueMs: number; serveMs: number } | undefined {
  const match = /^queue;dur=(\d+(?:\.\d+)?), serve;dur=(\d+(?:\.\d+)?)$/.exec(header ?? '');
  return match ? { queueMs: Number(match[1]), serveMs: Number(match[2]) } : undefined;
}
