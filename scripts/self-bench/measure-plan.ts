import os from 'node:os';
import jStat from 'jstat';
import { measureLevel } from '../../harness/measure/measure-runner.ts';
import { silentProgress } from '../../harness/progress.ts';
import type { CompletedResult } from '../../results/types.ts';
import { ModelHosts } from '../../harness/bench/model-hosts.ts';
import type { MockServerProcess } from '../../mock-server/process.ts';
import { measureBusyRate } from '../../runners/busy-rate.ts';
import type { RunnerId } from '../../runners/types.ts';
import type { BusyRate } from '../../runners/work.ts';
import { resolveScenario, runSettings, type ScenarioPlan } from '../../scenarios/resolve.ts';
import { scenarioSchema, type ScenarioInput } from '../../scenarios/schema.ts';

let busyRate: BusyRate | undefined;

/** Calibrated once per self-bench run, before any pool exists (process CPU time counts every thread). */
export function hostBusyRate(): BusyRate {
  busyRate ??= measureBusyRate();
  return busyRate;
}

/** A scenario resolved exactly as `npm run bench` resolves it, for measuring with the real harness. */
export function planFor(input: Omit<ScenarioInput, 'id' | 'title'>): ScenarioPlan {
  return resolveScenario(scenarioSchema.parse({ id: 'self-bench', title: 'self-bench', ...input }), runSettings());
}

/** Measures one runner at one level with the same harness code as `npm run bench` (tinybench, a fresh model host). */
export async function measure(plan: ScenarioPlan, server: MockServerProcess, id: RunnerId, concurrency: number): Promise<CompletedResult> {
  hostBusyRate();
  const hosts = new ModelHosts({ poolSize: () => os.availableParallelism() });
  try {
    const model = await hosts.get(id);
    const levelPlan = {
      setup: { origin: server.url, client: plan.client, work: { cpuWork: plan.cpuWork, busyRate: hostBusyRate() } },
      path: plan.path,
      requests: plan.requests,
      concurrency,
    };
    const runBatch = model.host.runBatch.bind(model.host);
    return await measureLevel(
      { model, levelPlan, runBatch },
      { plan, server, progress: silentProgress, signal: new AbortController().signal },
    );
  } finally {
    await hosts.releaseAll();
  }
}

export function median(values: readonly number[]): number {
  return values.length === 0 ? 0 : jStat.median(values);
}
