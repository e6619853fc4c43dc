import { startMockServerProcess, type MockServerProcess } from '../mock-server/launcher.ts';
import { runners } from '../runners/registry.ts';
import type { Runner } from '../runners/types.ts';
import { levelsFor, poolSizeFor, type ScenarioPlan } from '../scenarios/resolve.ts';
import type { WorkCalibration } from '../runners/work.ts';
import { captureEnvironment, toolVersion } from './environment.ts';
import { measureRunner } from './measure-runner.ts';
import type { Progress } from './progress.ts';
import { SCHEMA_VERSION, type ResultsFile, type RunnerResult, type ScenarioResults } from './results.ts';

export interface SuiteOptions {
  readonly plans: readonly ScenarioPlan[];
  readonly profile: string;
  readonly seed: number | undefined;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** Host calibration for `busy` CPU work, measured once per run before any pool starts. */
  readonly calibration: WorkCalibration;
}

/**
 * Runs every scenario: one mock-server process per scenario, each runner x level measured in turn.
 * Always returns what was measured, with `complete: false` when the signal stopped it early.
 */
export async function runSuite(options: SuiteOptions): Promise<ResultsFile> {
  const startedAt = new Date().toISOString();
  const scenarios: ScenarioResults[] = [];
  for (const [index, plan] of options.plans.entries()) {
    if (options.signal.aborted) break;
    options.progress.scenario(plan.title, index, options.plans.length);
    scenarios.push(await runScenario(plan, options));
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'concurrency-bench', version: toolVersion() },
    environment: captureEnvironment(),
    run: { profile: options.profile, seed: options.seed, startedAt, finishedAt: new Date().toISOString(), complete: !options.signal.aborted },
    scenarios,
  };
}

async function runScenario(plan: ScenarioPlan, options: SuiteOptions): Promise<ScenarioResults> {
  const results: RunnerResult[] = [];
  const server = await startMockServerProcess(plan.server);
  try {
    const levels = plan.runners.flatMap((runnerId) => levelsFor(runnerId, plan).map((concurrency) => ({ runnerId, concurrency })));
    for (const [index, { runnerId, concurrency }] of levels.entries()) {
      if (options.signal.aborted) break;
      const runner = runners[runnerId]({
        targetUrl: server.url,
        path: plan.path,
        concurrency,
        client: plan.client,
        poolSize: poolSizeFor(runnerId, plan),
        work: { cpuWork: plan.cpuWork, calibration: options.calibration },
      });
      options.progress.level(runner.shape, index, levels.length);
      const result = await measureOne(runner, plan, server, options);
      if (result) results.push(result);
    }
  } finally {
    await server.stop();
  }
  return {
    id: plan.id,
    title: plan.title,
    description: plan.description,
    workload: {
      requests: plan.requests,
      path: plan.path,
      server: plan.server,
      meanLatencyMs: plan.meanLatencyMs,
      cpuWork: plan.cpuWork,
      iterations: plan.iterations,
      warmupIterations: plan.warmupIterations,
      threads: plan.threads,
      processes: plan.processes,
      client: plan.client,
    },
    results,
  };
}

/** A runner that fails is reported as failed and the suite goes on; one stopped by the signal is left out. */
async function measureOne(
  runner: Runner,
  plan: ScenarioPlan,
  server: MockServerProcess,
  options: SuiteOptions,
): Promise<RunnerResult | undefined> {
  const stopOnAbort = (): void => void runner.stop();
  options.signal.addEventListener('abort', stopOnAbort, { once: true });
  try {
    return await measureRunner(runner, { plan, server, progress: options.progress, signal: options.signal });
  } catch (error: unknown) {
    if (options.signal.aborted) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    options.progress.note(`${runner.shape} failed: ${message}`);
    return { state: 'failed', runner: runner.id, shape: runner.shape, concurrency: runner.inFlight, error: { code: 'RUN_FAILED', message } };
  } finally {
    options.signal.removeEventListener('abort', stopOnAbort);
    await runner.stop();
  }
}
