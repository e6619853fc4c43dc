import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import type { MockServerProcess } from '../mock-server/launcher.ts';
import type { BatchOutcome } from '../runners/outcome.ts';
import type { Runner } from '../runners/types.ts';
import type { ScenarioPlan } from '../scenarios/resolve.ts';
import { summarise, type Sample } from './summarise.ts';
import type { CompletedResult } from './results.ts';
import type { Progress } from './progress.ts';

export interface MeasureContext {
  readonly plan: ScenarioPlan;
  readonly server: MockServerProcess;
  readonly progress: Progress;
  readonly signal: AbortSignal;
}

/**
 * Starts the runner's pool (timed on its own), then lets tinybench drive warm-up and measured iterations:
 * one iteration is one batch of `plan.requests`. Only the batch itself is inside the timed window.
 */
export async function measureRunner(runner: Runner, context: MeasureContext): Promise<CompletedResult> {
  const { plan, server, progress } = context;
  const startupBegin = performance.now();
  await runner.start();
  const startupMs = performance.now() - startupBegin;

  const samples: Sample[] = [];
  let cpuBefore = process.cpuUsage();
  let loopBefore = performance.eventLoopUtilization();
  let outcome: BatchOutcome | undefined;
  let measuring = false;
  let done = 0;

  const bench = new Bench({
    iterations: plan.iterations,
    time: 0,
    warmup: plan.warmupIterations > 0,
    warmupIterations: plan.warmupIterations,
    warmupTime: 0,
    throws: true,
    signal: context.signal,
  });
  bench.add(
    runner.shape,
    async () => {
      outcome = await runner.runBatch(plan.requests);
    },
    {
      async beforeAll(mode) {
        measuring = mode === 'run';
        if (measuring) await server.resetStats();
      },
      beforeEach() {
        cpuBefore = process.cpuUsage();
        loopBefore = performance.eventLoopUtilization();
      },
      afterEach() {
        const cpu = process.cpuUsage(cpuBefore);
        const loop = performance.eventLoopUtilization(loopBefore).utilization;
        if (!outcome) return;
        if (measuring) {
          samples.push({
            outcome,
            mainCpuUs: cpu.user + cpu.system,
            mainCpuUserUs: cpu.user,
            mainRssBytes: process.memoryUsage.rss(),
            mainLoopUtilization: loop,
          });
          done += 1;
          progress.iteration(done, plan.iterations);
        }
        outcome = undefined;
      },
    },
  );
  await bench.run();
  const task = bench.tasks[0];
  const result = task?.result;
  if (!result || result.state !== 'completed') {
    const reason = result?.state === 'errored' ? result.error.message : `tinybench ended in state ${result?.state ?? 'unknown'}`;
    throw new Error(reason);
  }
  const serverStats = await server.stats();
  return summarise({ runner, plan, startupMs, samples, wall: result.latency, batchThroughput: result.throughput, serverStats });
}
