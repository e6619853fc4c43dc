import os from 'node:os';
import { meanLatencyMs, serverCapacity, type ServerProfile } from '../mock-server/profile.ts';
import { clientConfigSchema, type ClientConfig, type ClientConfigInput } from '../runners/client-config.ts';
import type { LimiterId } from '../runners/limiters/types.ts';
import type { OpenLoopSettings } from '../runners/open-loop/settings.ts';
import { runnerDescriptor } from '../runners/registry.ts';
import type { Segment } from '../runners/segment.ts';
import type { RunnerId } from '../runners/types.ts';
import type { CpuWork } from '../runners/work.ts';
import type { ProfileName, Scenario, ScenarioOverrides } from './schema.ts';

/** A scenario with a profile and the command line's flags applied: exactly what the harness runs. */
export interface ScenarioPlan {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly server: ServerProfile;
  /** Requests per batch, unless `rounds` sizes each level's batch. */
  readonly requests: number;
  /** When set, a level's batch is rounds x in flight requests (see requestsAt). */
  readonly rounds: number | undefined;
  readonly path: string;
  readonly cpuWork: CpuWork;
  readonly runners: readonly RunnerId[];
  /** How the concurrent runners limit their requests in flight (`--limiter`), each its own row; default lanes. */
  readonly limiters: readonly LimiterId[];
  readonly concurrency: readonly number[];
  readonly iterations: number;
  readonly warmupIterations: number;
  readonly threads: number;
  readonly processes: number;
  readonly client: ClientConfig;
  readonly meanLatencyMs: number;
  /** What the server profile limits, for the ideal bound. */
  readonly serverBounds: ServerBounds;
  /** Set by `--arrival-rate`: every level is an open-loop run at a rate (concurrency is then the model's limit). */
  readonly openLoop?: OpenLoopSettings | undefined;
  /** A level whose share of failed requests (after retries) exceeds this fails: `--max-error-rate`, else faultRate + 1%. */
  readonly maxErrorRate: number;
  /** `--segment i/N`: this run sends the i-th of N disjoint shares of every level (runners/segment.ts). */
  readonly segment?: Segment | undefined;
  /**
   * Every request carries its identity header, whether or not the server's answers depend on it: a --target's
   * server is not modelled, and may be a mock server (a segmented run's) or log the header for tracing.
   */
  readonly alwaysIdentify?: true | undefined;
}

/** What a level may lose to errors beyond the faults its server injects on purpose. */
const ERROR_RATE_MARGIN = 0.01;

/** The share of tries the server fails on purpose (500s, resets, stalls; a phase's errors at their highest). */
function injectedFaultRate(server: ServerProfile): number {
  const phases = Math.max(0, ...(server.phases ?? []).map((phase) => phase.errorRate ?? 0));
  return Math.min(1, Math.max(server.errorRate ?? 0, phases) + (server.resetRate ?? 0) + (server.stallRate ?? 0));
}

interface ServerBounds {
  readonly capacity?: number | undefined;
  readonly rateLimitPerSecond?: number | undefined;
}

export interface RunSettings {
  readonly profile: ProfileName;
  readonly overrides: ScenarioOverrides;
  readonly runners: readonly RunnerId[] | undefined;
  readonly limiters?: readonly LimiterId[] | undefined;
  readonly seed: number | undefined;
  readonly threads: number;
  readonly processes: number;
  /** Client flags from the command line; they win over the scenario's client settings. */
  readonly client: ClientConfigInput;
  readonly cpuWork: CpuWork | undefined;
  /** `--max-error-rate`; undefined: each scenario's injected fault rate + ERROR_RATE_MARGIN. */
  readonly maxErrorRate?: number | undefined;
  readonly segment?: Segment | undefined;
}

/** The settings of `npm run bench` without flags (quick profile, pools as wide as the host), with `changes` on top. */
export function runSettings(changes: Partial<RunSettings> = {}): RunSettings {
  return {
    profile: 'quick',
    overrides: {},
    runners: undefined,
    seed: undefined,
    threads: os.availableParallelism(),
    processes: os.availableParallelism(),
    client: {},
    cpuWork: undefined,
    ...changes,
  };
}

export function resolveScenario(scenario: Scenario, settings: RunSettings): ScenarioPlan {
  const values = { ...scenario.profiles[settings.profile], ...settings.overrides };
  const server: ServerProfile = {
    ...scenario.server,
    ...(values.latencyMs === undefined ? {} : { latencyMs: values.latencyMs }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
  };
  const retry = { ...scenario.client.retry, ...settings.client.retry };
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    server,
    requests: values.requests ?? scenario.workload.requests,
    // A fixed --requests wins over the profile's rounds; rounds given on the command line win over both.
    rounds: settings.overrides.rounds ?? (settings.overrides.requests === undefined ? values.rounds : undefined),
    path: scenario.workload.path,
    cpuWork: settings.cpuWork ?? scenario.workload.cpuWork,
    runners: settings.runners ?? scenario.runners,
    limiters: [...new Set<LimiterId>(settings.limiters ?? ['lanes'])],
    concurrency: [...new Set(values.concurrency ?? scenario.concurrency)].sort((a, b) => a - b),
    iterations: values.iterations ?? scenario.iterations,
    warmupIterations: values.warmupIterations ?? scenario.warmupIterations,
    threads: settings.threads,
    processes: settings.processes,
    client: clientConfigSchema.parse({ ...scenario.client, ...settings.client, retry }),
    meanLatencyMs: meanLatencyMs(server),
    serverBounds: { capacity: serverCapacity(server), rateLimitPerSecond: server.rateLimit },
    maxErrorRate: settings.maxErrorRate ?? Math.min(1, injectedFaultRate(server) + ERROR_RATE_MARGIN),
    ...(settings.segment === undefined ? {} : { segment: settings.segment }),
  };
}

/** A model that keeps one request in flight whatever the level (sequential) is measured once. */
export function levelsFor(runner: RunnerId, plan: ScenarioPlan): readonly number[] {
  return runnerDescriptor(runner).inFlight === 'one' ? [1] : plan.concurrency;
}

/**
 * The limiters a runner is measured with, each its own row: lanes as `undefined` (the row names no limiter, as
 * before the dimension existed); a model without limiters (sequential keeps one request in flight, the Python
 * models keep their own idiomatic limit) is measured once.
 */
export function limitersFor(runner: RunnerId, plan: Pick<ScenarioPlan, 'limiters'>): readonly (LimiterId | undefined)[] {
  if (!runnerDescriptor(runner).supports.limiters) return [undefined];
  return plan.limiters.map((id) => (id === 'lanes' ? undefined : id));
}

/** Requests in one batch of a level with `inFlight` requests in flight: rounds x in flight, or the fixed count. */
export function requestsAt(plan: Pick<ScenarioPlan, 'requests' | 'rounds'>, inFlight: number): number {
  return plan.rounds === undefined ? plan.requests : plan.rounds * Math.max(1, inFlight);
}

/** The offered rates a level runs at: one undefined (closed loop) unless the plan is open loop. */
export function ratesFor(plan: Pick<ScenarioPlan, 'openLoop'>): readonly (number | undefined)[] {
  return plan.openLoop === undefined ? [undefined] : plan.openLoop.rates;
}
