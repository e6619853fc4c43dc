/** The mock server's `Server-Timing: queue;dur=<ms>, serve;dur=<ms>`: time waiting for capacity and time served. */
export interface ServerTiming {
  readonly queueMs: number;
  readonly serveMs: number;
}

const METRIC = /(queue|serve);dur=([\d.]+)/g;

export function parseServerTiming(header: string | undefined): ServerTiming | undefined {
  if (!header) return undefined;
  let queueMs = 0;
  let serveMs = 0;
  let found = false;
  for (const match of header.matchAll(METRIC)) {
    found = true;
    if (match[1] === 'queue') queueMs = Number(match[2]);
    else serveMs = Number(match[2]);
  }
  return found ? { queueMs, serveMs } : undefined;
}
