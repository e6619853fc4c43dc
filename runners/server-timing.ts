/** The mock server's `Server-Timing: queue;dur=<ms>, serve;dur=<ms>`: time waiting for capacity and time served. */
export interface ServerTiming {
  readonly queueMs: number;
  readonly serveMs: number;
}

// Parsed with indexOf, not a global regex: this runs once per request inside the measured window.
function metric(header: string, name: string): number | undefined {
  const at = header.indexOf(`${name};dur=`);
  if (at < 0) return undefined;
  const value = Number.parseFloat(header.slice(at + name.length + 5));
  return Number.isFinite(value) ? value : undefined;
}

export function parseServerTiming(header: string | undefined): ServerTiming | undefined {
  if (!header) return undefined;
  const queueMs = metric(header, 'queue');
  const serveMs = metric(header, 'serve');
  if (queueMs === undefined && serveMs === undefined) return undefined;
  return { queueMs: queueMs ?? 0, serveMs: serveMs ?? 0 };
}
