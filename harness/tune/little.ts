import { connectionsOf } from './settings.ts';
import type { Setting } from '../../results/tune-types.ts';

/**
 * Little's law, throughput = requests in flight / latency, at the unloaded latency: what a client with no overhead
 * would get from a server with no limits. The Agent can hold at most connections x pipelining of them on the wire.
 */
export function littleThroughput(setting: Setting, latencyMs: number): number | undefined {
  const onTheWire = Math.min(setting.concurrency, connectionsOf(setting) * (setting.pipelining ?? 1));
  return latencyMs > 0 ? (onTheWire / latencyMs) * 1000 : undefined;
}
