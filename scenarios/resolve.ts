import { meanLatencyMs, type ServerProfile } from '../mock-server/profile.ts';
import type { ClientConfig } from '../runners/http-client.ts';
import type { RunnerId } from '../runners/types.ts';
import type { ProfileName, Scenario, ScenarioOverrides } from './schema.ts';

/** A scenario with a profile and the command line's flags applied: exactly what the harness runs. */
export interface ScenarioPlan {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly server: ServerProfile;
  readonly requests: number;
  readonly path: string;
  readonly runners: readonly RunnerId[];
  readonly concurrency: readonly number[];
  readonly iterations: number;
  readonly warmupIterations: number;
  readonly poolSize: number;
  readonly client: ClientConfig;
  readonly meanLatencyMs: number;
}

export interface RunSettings {
  readonly profile: ProfileName;
  readonly overrides: ScenarioOverrides;
  readonly runners: readonly RunnerId[] | undefined;
  readonly seed: number | undefined;
  readonly poolSize: number;
  readonly client: ClientConfig;
}

export function resolveScenario(scenario: Scenario, settings: RunSettings): ScenarioPlan {
  const values = { ...scenario.profiles[settings.profile], ...settings.overrides };
  const server: ServerProfile = {
    ...scenario.server,
    ...(values.latencyMs === undefined ? {} : { latencyMs: values.latencyMs }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
  };
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    server,
    requests: values.requests ?? scenario.workload.requests,
    path: scenario.workload.path,
    runners: settings.runners ?? scenario.runners,
    concurrency: [...new Set(values.concurrency ?? scenario.concurrency)].sort((a, b) => a - b),
    iterations: values.iterations ?? scenario.iterations,
    warmupIterations: values.warmupIterations ?? scenario.warmupIterations,
    poolSize: settings.poolSize,
    client: settings.client,
    meanLatencyMs: meanLatencyMs(server),
  };
}

/** Sequential keeps one request in flight whatever the level, so it is measured once. */
export function levelsFor(runner: RunnerId, plan: ScenarioPlan): readonly number[] {
  return runner === 'sequential' ? [1] : plan.concurrency;
}
