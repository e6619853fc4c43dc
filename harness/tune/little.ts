import { connectionsOf } from './limits.ts';
import type { Setting } from './types.ts';

/** Little's law as a check: the requests in flight it finds may differ from the configured limit by this share. */
const LITTLE_GAP = 0.1;

/**
 * Little's law, throughput = requests in flight / latency, at the unloaded latency: what a client with no overhead
 * would get from a server with no limits. The Agent can hold at most connections x pipelining of them on the wire.
 */
export function littleThroughput(setting: Setting, latencyMs: number): number | undefined {
  const onTheWire = Math.min(setting.concurrency, connectionsOf(setting) * (setting.pipelining ?? 1));
  return latencyMs > 0 ? (onTheWire / latencyMs) * 1000 : undefined;
}

/** Little's law the other way: requests in flight = throughput x mean latency, what the client really kept. */
export function littleInFlight(throughput: number, meanLatencyMs: number): number {
  return (throughput * meanLatencyMs) / 1000;
}

/**
 * The check on one measured setting: undefined when Little's law finds the configured limit within LITTLE_GAP,
 * otherwise one phrase saying what it found instead.
 */
export function littleGap(point: { readonly concurrency: number; readonly littleInFlight?: number | undefined }): string | undefined {
  const found = point.littleInFlight;
  if (found === undefined || Math.abs(found - point.concurrency) <= LITTLE_GAP * point.concurrency) return undefined;
  const measured = found.toFixed(1);
  return found < point.concurrency
    ? `the client did not keep ${point.concurrency} in flight (throughput x mean latency = ${measured})`
    : `throughput x mean latency = ${measured}, more than the ${point.concurrency} allowed in flight`;
}
