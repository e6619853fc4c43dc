/**
 * The standard Server-Timing header, so a client can split its latency into the server's queue wait, the server's
 * own time and the rest (network, client), and see the server's own error:
 * `Server-Timing: queue;dur=0.000, serve;dur=16.021, late;dur=0.012`.
 * queue: arrival to a capacity slot; serve: slot to the write (service time plus lateness); late: the write minus
 * the deadline the behaviour model set (negative if ever early). The client's parser is runners/server-timing.ts,
 * which reads queue and serve in place: they stay first and unchanged.
 */
export const SERVER_TIMING_HEADER = 'server-timing';

/** `lateMs` absent: the header has the two original metrics only. */
export function formatServerTiming(queueMs: number, serveMs: number, lateMs?: number): string {
  const base = `queue;dur=${threeDecimals(queueMs)}, serve;dur=${threeDecimals(serveMs)}`;
  if (lateMs === undefined) return base;
  return lateMs < 0 ? `${base}, late;dur=-${threeDecimals(-lateMs)}` : `${base}, late;dur=${threeDecimals(lateMs)}`;
}

/**
 * toFixed(3) of a duration (negative ones read as 0; a tie may round the other way), built from integers:
 * this runs for every answer, and Number#toFixed costs twice as much, enough to show against plain node:http.
 */
function threeDecimals(ms: number): string {
  const micros = Math.round(ms * 1000);
  if (!(micros > 0)) return '0.000';
  const whole = Math.floor(micros / 1000);
  const fraction = micros - whole * 1000;
  return `${whole}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}
