import os from 'node:os';
import { streamOf, type RequestIdentity } from '../../common/request-identity.ts';
import { Behaviour } from '../../mock-server/behaviour.ts';
import { resolveServerProfile, type ResolvedProfile } from '../../mock-server/profile.ts';
import type { BusyRate } from '../../runners/work.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { probeHost, type HostFigures } from './host-probe.ts';
import { workCostMs } from './work-cost.ts';

/** What the server decides for one attempt: the mock server's own pure model (Behaviour.decideFor). */
interface AttemptDecider {
  decideFor(identity: RequestIdentity): {
    readonly latencyMs: number;
    readonly fault: 'error' | 'reset' | 'stall' | undefined;
    readonly bodyBytes: number;
    readonly firstByteDelayMs: number;
    readonly bodyBytesPerSecond: number | undefined;
  };
}

/** Everything the exact ideal of a scenario's levels needs, gathered once per scenario. */
export interface ScenarioIdeal {
  readonly stream: number;
  readonly seed: number;
  readonly profile: ResolvedProfile;
  readonly decider: AttemptDecider;
  readonly host: HostFigures;
  /** CPU ms of the work on one successful response, on this host. */
  readonly cpuWorkMs: number;
  readonly cores: number;
}

/** Without a probe (tune, self-bench): a zero floor, free bodies, and only `busy` work costed. */
export function unprobedIdeal(plan: ScenarioPlan): ScenarioIdeal {
  return idealOf(plan, { roundTripFloorMs: 0, bytesPerMs: undefined }, plan.cpuWork.kind === 'busy' ? plan.cpuWork.ms : 0);
}

/**
 * Measures the host against the scenario's server (round-trip floor, loopback bandwidth, the CPU work's cost)
 * before the levels run, so every level's ideal includes what this host cannot avoid.
 */
export async function probeScenario(plan: ScenarioPlan, origin: string, busyRate: BusyRate): Promise<ScenarioIdeal> {
  const server = { origin, path: plan.path, client: plan.client };
  const host = await probeHost({ ...server, bodyBytes: plan.server.bodyBytes });
  return idealOf(plan, host, await workCostMs(plan.cpuWork, busyRate, server));
}

function idealOf(plan: ScenarioPlan, host: HostFigures, cpuWorkMs: number): ScenarioIdeal {
  return {
    stream: streamOf(plan.id),
    seed: plan.server.seed,
    profile: resolveServerProfile(plan.server),
    decider: new Behaviour(plan.server),
    host,
    cpuWorkMs,
    cores: os.availableParallelism(),
  };
}
