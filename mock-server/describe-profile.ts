import { truePeak } from './coherency.ts';
import type { ResolvedProfile } from './profile.ts';

/** One line that says what the server will do, for the CLI's start message and benchmark output. */
export function describeProfile(profile: ResolvedProfile): string {
  const { latency } = profile;
  const parts = [
    latency.distribution === 'fixed'
      ? `latency ${latency.meanMs} ms`
      : `latency ${latency.distribution} mean ${latency.meanMs} ms` +
        (['uniform', 'normal', 'lognormal'].includes(latency.distribution) ? ` spread ${latency.spreadMs} ms` : '') +
        (latency.distribution === 'pareto' ? ` alpha ${latency.paretoShape}` : '') +
        ` in [${latency.minMs}, ${latency.maxMs}] ms`,
  ];
  if (profile.jitterMs > 0) parts.push(`+ jitter ${profile.jitterMs} ms`);
  parts.push(`${profile.bodyBytes} B ${profile.payload}`);
  if (profile.bodyBytesPerSecond !== undefined) parts.push(`body at ${profile.bodyBytesPerSecond} B/s`);
  if (profile.firstByteDelayMs > 0) parts.push(`first byte +${profile.firstByteDelayMs} ms`);
  if (profile.capacity !== undefined)
    parts.push(`capacity ${profile.capacity}${profile.queueLimit === undefined ? '' : `, queue limit ${profile.queueLimit}`}`);
  if (profile.rateLimit) parts.push(`rate limit ${profile.rateLimit.perSecond}/s (burst ${profile.rateLimit.burst})`);
  const { error, reset, stall } = profile.faults;
  if (error + reset + stall > 0) parts.push(`faults: error ${error}, reset ${reset}, stall ${stall}`);
  const { contention, coherency } = profile.slowdown;
  if (contention > 0 || coherency > 0) {
    const peak = truePeak(latency.meanMs, profile.slowdown);
    parts.push(
      `contention ${contention}, coherency ${coherency}` +
        (peak === undefined ? '' : ` (closed-loop peak at ${peak.concurrency.toFixed(1)} in flight, ${Math.round(peak.throughput)} req/s)`),
    );
  }
  if (profile.workers > 1) parts.push(`${profile.workers} workers`);
  return parts.join(', ');
}
