import type { MockServerProcess } from '../../mock-server/process.ts';
import type { ServerStatsSnapshot } from '../../mock-server/stats.ts';
import { NO_LATENESS } from '../../mock-server/lateness.ts';

const NO_STATS: ServerStatsSnapshot = {
  served: 0,
  inFlight: 0,
  maxInFlight: 0,
  byStatus: {},
  received: 0,
  queued: 0,
  queueHighWater: 0,
  byFault: { error: 0, reset: 0, stall: 0 },
  aborted: 0,
  workers: 0,
  lateness: NO_LATENESS,
};

/**
 * What the harness talks to in place of the mock server for a --target run: the user's origin, no process to
 * start or stop, and no server-side statistics (the harness never sends /__stats or /__reset to a real service).
 */
export function targetStandIn(origin: string): MockServerProcess {
  return {
    url: origin,
    pid: -1,
    stats: async () => NO_STATS,
    resetStats: async () => {},
    // No process of ours: it never exits under us.
    exited: new Promise<never>(() => {}),
    exitReason: () => undefined,
    requests: async () => {
      throw new Error('a --target has no request record');
    },
    stop: async () => {},
  };
}
