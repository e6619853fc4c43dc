import { NO_LATENESS } from '../../mock-server/lateness.ts';
import type { ServerStatsSnapshot } from '../../mock-server/stats.ts';

/** What a quiet mock server reports: nothing queued, nothing faulted. */
export function defaultStats(overrides: Partial<ServerStatsSnapshot> = {}): ServerStatsSnapshot {
  return {
    served: 24,
    inFlight: 0,
    maxInFlight: 4,
    byStatus: { '200': 24 },
    received: 24,
    queued: 0,
    queueHighWater: 0,
    byFault: { error: 0, reset: 0, stall: 0 },
    aborted: 0,
    workers: 1,
    lateness: NO_LATENESS,
    ...overrides,
  };
}
