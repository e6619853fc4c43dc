/** The mock server's `Server-Timing: queue;dur=<ms>, serve;dur=<ms>`: time waiting for capacity and time served. */
export interface ServerTiming {
  readonly queueMs: number;
  readonly serveMs: number;
}

export type ServerTimingMetric = 'queue' | 'serve';

// Built once: a template per call would allocate a string per request.
const NEEDLES: Readonly<Record<ServerTimingMetric, string>> = { queue: 'queue;dur=', serve: 'serve;dur=' };
const ZERO = 48;
const NINE = 57;
const DOT = 46;
const COMMA = 44;
const SEMICOLON = 59;
const SPACE = 32;

/**
 * `<name>;dur=<ms>` of a Server-Timing header as a number, read in place: no substring and no object, as this runs
 * once per request inside the measured window. A plain decimal is read digit by digit; any other number form
 * (sign, exponent) falls back to parseFloat. NaN when the metric is absent or not a number.
 */
export function serverTimingMs(header: string, name: ServerTimingMetric): number {
  const needle = NEEDLES[name];
  const at = header.indexOf(needle);
  if (at < 0) return Number.NaN;
  const start = at + needle.length;
  let value = 0;
  let scale = 0;
  let digits = 0;
  let i = start;
  for (; i < header.length; i += 1) {
    const code = header.charCodeAt(i);
    if (code >= ZERO && code <= NINE) {
      value = value * 10 + (code - ZERO);
      if (scale > 0) scale *= 10;
      digits += 1;
    } else if (code === DOT && scale === 0) scale = 1;
    else break;
  }
  const end = i < header.length ? header.charCodeAt(i) : 0;
  if (digits === 0 || (end !== 0 && end !== COMMA && end !== SEMICOLON && end !== SPACE)) {
    const parsed = Number.parseFloat(header.slice(start));
    return Number.isFinite(parsed) ? parsed : Number.NaN;
  }
  return scale > 1 ? value / scale : value;
}

/** Both metrics; a header with only one counts the other as 0, a header with neither (or none) is undefined. */
export function parseServerTiming(header: string | undefined): ServerTiming | undefined {
  if (!header) return undefined;
  const queueMs = serverTimingMs(header, 'queue');
  const serveMs = serverTimingMs(header, 'serve');
  if (Number.isNaN(queueMs) && Number.isNaN(serveMs)) return undefined;
  return { queueMs: Number.isNaN(queueMs) ? 0 : queueMs, serveMs: Number.isNaN(serveMs) ? 0 : serveMs };
}
