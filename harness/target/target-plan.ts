import { UsageError } from '../../common/usage-error.ts';
import { levelsFor, type ScenarioPlan } from '../../scenarios/resolve.ts';
import { scenarioSchema, type Scenario } from '../../scenarios/schema.ts';
import type { TargetRun } from './types.ts';
import { TARGET_SCENARIO_ID } from '../../results/target-scenario.ts';

/** What a target run measures unless flags say otherwise: 10 levels x 3 batches x 50 requests = 1,500, under the default cap. */
export function targetScenario(target: TargetRun): Scenario {
  return scenarioSchema.parse({
    id: TARGET_SCENARIO_ID,
    title: `Your service: ${target.record.method} ${target.record.url}`.slice(0, 200),
    description: `Requests sent to ${target.record.url}${target.remote ? ' (remote, capped)' : ''} instead of the mock server.`,
    workload: { requests: 50, path: target.path },
    concurrency: [1, 4, 16],
    iterations: 2,
    warmupIterations: 1,
  });
}

/** A plan for the target: no server model, so no mean latency, no limits to bound the ideal with, and every identity sent. */
export function targetPlan(plan: ScenarioPlan): ScenarioPlan {
  return { ...plan, meanLatencyMs: 0, serverBounds: {}, alwaysIdentify: true };
}

/** Requests the plans send at most, retries at their worst: warm-ups and measured batches of every runner and level. */
function plannedRequests(plans: readonly ScenarioPlan[]): number {
  return plans.reduce(
    (sum, plan) =>
      sum +
      plan.runners.reduce((n, runner) => n + levelsFor(runner, plan).length, 0) *
        (plan.iterations + plan.warmupIterations) *
        plan.requests *
        (1 + plan.client.retry.maxRetries),
    0,
  );
}

/** A capped run whose plan would send more than --max-requests is refused before it starts. */
export function checkRequestBudget(plans: readonly ScenarioPlan[], target: TargetRun): void {
  const max = target.caps?.maxRequests;
  if (max === undefined) return;
  const planned = plannedRequests(plans);
  if (planned > max)
    throw new UsageError(
      `Expected the run to send at most \`--max-requests\` ${max} requests, got a plan of \`${planned}\` (lower --requests, --iterations, --warmup, --concurrency or --runners)`,
    );
}
