import type { MockServerProcess } from '../../mock-server/process.ts';
import { split } from '../../common/even-split.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import { segmentRequests, type Segment } from '../../runners/segment.ts';
import type { RunnerId } from '../../runners/types.ts';
import type { BusyRate } from '../../runners/work.ts';
import { levelsFor, limitersFor, ratesFor, requestsAt, type ScenarioPlan } from '../../scenarios/resolve.ts';
import type { LevelPlan } from '../measure/measure-runner.ts';
import type { HostedModel } from './model-hosts.ts';
import { targetSetup } from '../target/for-target.ts';
import type { TargetRun } from '../target/types.ts';

/** One row a scenario measures: a runner with a limiter at a concurrency level (and an offered rate in open loop). */
export interface ScenarioLevel {
  readonly runnerId: RunnerId;
  /** undefined: lanes. */
  readonly limiter: LimiterId | undefined;
  readonly concurrency: number;
  /** The offered rate of an open-loop level; undefined: a closed-loop batch. */
  readonly rate: number | undefined;
}

/** The scenario's levels in the order they are measured: runner by runner, limiter by limiter, level by level. */
export function scenarioLevels(plan: ScenarioPlan): ScenarioLevel[] {
  return plan.runners.flatMap((runnerId) =>
    limitersFor(runnerId, plan).flatMap((limiter) =>
      levelsFor(runnerId, plan).flatMap((concurrency) => ratesFor(plan).map((rate) => ({ runnerId, limiter, concurrency, rate }))),
    ),
  );
}

/** Two levels that run in the same model host. */
export function sameModel(a: ScenarioLevel, b: ScenarioLevel): boolean {
  return a.runnerId === b.runnerId && a.limiter === b.limiter;
}

/** Whether no later level of the scenario needs this level's host. */
export function isLastOfModel(levels: readonly ScenarioLevel[], index: number): boolean {
  const level = levels[index];
  return level !== undefined && !levels.slice(index + 1).some((later) => sameModel(later, level));
}

export interface JobSettings {
  readonly busyRate: BusyRate;
  readonly target?: TargetRun | undefined;
}

/** What a level's batches do: where they go, with which client, CPU work, size and limit. */
export function planLevel(
  level: ScenarioLevel,
  model: HostedModel,
  plan: ScenarioPlan,
  server: MockServerProcess,
  settings: JobSettings,
): LevelPlan {
  const concurrency = segmentConcurrency(level.concurrency, plan.segment);
  const layout = model.layout(concurrency);
  // A segment sends its share of the whole level's batch (whole: as an unsegmented run sizes it).
  const whole = requestsAt(plan, model.layout(level.concurrency).inFlight);
  return {
    setup: {
      origin: server.url,
      client: plan.client,
      work: { cpuWork: plan.cpuWork, busyRate: settings.busyRate },
      ...(settings.target ? targetSetup(settings.target, layout) : {}),
    },
    path: plan.path,
    requests: plan.segment === undefined ? whole : segmentRequests(whole, plan.segment),
    concurrency,
    ...(level.limiter === undefined ? {} : { limiter: level.limiter }),
    ...(plan.segment === undefined ? {} : { segment: plan.segment }),
  };
}

/** A segment's share of a level's requests in flight: the level split evenly over the segments. */
function segmentConcurrency(concurrency: number, segment: Segment | undefined): number {
  return segment === undefined ? concurrency : (split(concurrency, segment.count)[segment.index - 1] ?? 1);
}
