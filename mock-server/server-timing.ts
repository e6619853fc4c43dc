/**
 * The standard Server-Timing header with exactly two metrics, so a client can split its latency into the
 * server's queue wait, the server's own time and the rest (network, client):
 * `Server-Timing: queue;dur=0.000, serve;dur=16.021`. The client's parser is runners/server-timing.ts.
 */
export const SERVER_TIMING_HEADER = 'server-timing';

export function formatServerTiming(queueMs: number, serveMs: number): string {
  return `queue;dur=${threeDecimals(queueMs)}, serve;dur=${threeDecimals(serveMs)}`;
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
