import { levelBatches } from '../../harness/measure-runner.ts';
import { startMockServerProcess } from '../../mock-server/launcher.ts';
import { serverProfileSchema } from '../../mock-server/profile.ts';
import { formatBytes } from '../../common/format.ts';
import { performance } from 'node:perf_hooks';
import { runners } from '../../runners/registry.ts';
import { NO_WORK } from '../../runners/work.ts';
import { bareUndiciLoop } from './bare-undici.ts';
import { limiterOverhead } from './limiter-overhead.ts';
import { hostCalibration, measure, median, planFor } from './measure-plan.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';

const HARNESS_ROUNDS = 9;
const HARNESS_REQUESTS = 5000;

/**
 * (a) What the harness costs: the promise-concurrent runner (shared client, lanes, histograms, classification)
 * against a bare undici loop on the same Agent settings and server. On a shared 2-core machine throughput drifts
 * by tens of percent within seconds, so the two sides alternate in short paired rounds (ABBA order) and the
 * median of the per-round ratios is the figure.
 */
async function harnessOverhead(lines: string[]): Promise<SelfBenchCheck> {
  const plan = planFor({ server: { latencyMs: 0, bodyBytes: 256 }, workload: { requests: HARNESS_REQUESTS }, concurrency: [100] });
  const server = await startMockServerProcess(plan.server);
  const runner = runners['promise-concurrent']({ poolSize: 1 });
  const job = levelBatches(
    {
      setup: { origin: server.url, client: plan.client, work: { cpuWork: NO_WORK, calibration: hostCalibration() } },
      path: '/',
      requests: HARNESS_REQUESTS,
      concurrency: 100,
    },
    plan,
  )(0);
  const harnessRate = async (): Promise<number> => {
    const begin = performance.now();
    await runner.runBatch(job);
    return (HARNESS_REQUESTS / (performance.now() - begin)) * 1000;
  };
  const bare = await bareUndiciLoop(server.url, plan.client, 100);
  try {
    await harnessRate();
    await bare.batch(HARNESS_REQUESTS);
    const ratios: number[] = [];
    for (let round = 0; round < HARNESS_ROUNDS; round += 1) {
      const harnessFirst = round % 4 === 0 || round % 4 === 3;
      const first = harnessFirst ? await harnessRate() : await bare.batch(HARNESS_REQUESTS);
      const second = harnessFirst ? await bare.batch(HARNESS_REQUESTS) : await harnessRate();
      const [harness, baseline] = harnessFirst ? [first, second] : [second, first];
      ratios.push(harness / baseline);
      lines.push(
        `(a) round ${round + 1}: promise-concurrent ${harness.toFixed(0)} req/s, bare undici loop ${baseline.toFixed(0)} req/s, ratio ${(harness / baseline).toFixed(3)}`,
      );
    }
    const ratio = median(ratios);
    return {
      name: '(a) harness cost: promise-concurrent / bare undici, 0 ms, 100 in flight',
      measured: `ratio ${ratio.toFixed(3)} (median of ${HARNESS_ROUNDS} paired rounds)`,
      target: '>= 0.9',
      pass: ratio >= 0.9,
    };
  } finally {
    await bare.close();
    await runner.stop();
    await server.stop();
  }
}

/** (b) I/O-bound accuracy: 2,000 requests, 100 in flight, 50 ms: wall time against ceil(N / 100) x 50 ms. */
async function ioBoundAccuracy(lines: string[]): Promise<SelfBenchCheck> {
  const plan = planFor({
    server: { latencyMs: 50, bodyBytes: 256 },
    workload: { requests: 2000 },
    concurrency: [100],
    iterations: 3,
    warmupIterations: 1,
  });
  const server = await startMockServerProcess(plan.server);
  try {
    const result = await measure(plan, server, 'promise-concurrent', 100);
    const factor = result.wallMs.mean / (result.idealWallMs ?? Number.NaN);
    lines.push(
      `(b) wall ${result.wallMs.mean.toFixed(1)} ms (min ${result.wallMs.min.toFixed(1)}), ideal ${result.idealWallMs} ms, p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms`,
    );
    return {
      name: '(b) io-bound N=2000, 100 in flight, 50 ms: wall / ideal',
      measured: factor.toFixed(3),
      target: '<= 1.10',
      pass: factor <= 1.1,
    };
  } finally {
    await server.stop();
  }
}

/** (c) CPU-bound: 5 ms of calibrated CPU per response; the pools should use both cores. */
async function cpuBoundSpeedup(lines: string[]): Promise<SelfBenchCheck[]> {
  const plan = planFor({
    server: { latencyMs: 0, bodyBytes: 256 },
    workload: { requests: 300, cpuWork: { kind: 'busy', ms: 5 } },
    concurrency: [4],
    iterations: 3,
    warmupIterations: 1,
  });
  const server = await startMockServerProcess(plan.server);
  try {
    const sequential = await measure(plan, server, 'sequential', 1);
    lines.push(`(c) sequential ${sequential.throughput.mean.toFixed(0)} req/s, ${sequential.cpu.coresUsed.toFixed(2)} cores`);
    const checks: SelfBenchCheck[] = [];
    for (const id of ['worker-threads', 'child-process'] as const) {
      const pool = await measure(plan, server, id, 4);
      const speedup = pool.throughput.mean / sequential.throughput.mean;
      lines.push(
        `(c) ${pool.shape} ${pool.throughput.mean.toFixed(0)} req/s, ${pool.cpu.coresUsed.toFixed(2)} cores, efficiency ${((pool.efficiency ?? Number.NaN) * 100).toFixed(0)}% of the CPU bound`,
      );
      checks.push({
        name: `(c) cpu-bound, 5 ms CPU/response, 0 ms latency: ${id} / sequential`,
        measured: `${speedup.toFixed(2)}x`,
        target: '>= 1.7x',
        pass: speedup >= 1.7,
      });
    }
    return checks;
  } finally {
    await server.stop();
  }
}

/** (d) 10,000 requests in flight at once, on one event loop. */
async function tenThousandInFlight(lines: string[]): Promise<SelfBenchCheck> {
  const plan = planFor({
    server: { latencyMs: 200, bodyBytes: 256 },
    workload: { requests: 10_000 },
    concurrency: [10_000],
    iterations: 2,
    warmupIterations: 1,
  });
  const server = await startMockServerProcess(serverProfileSchema.parse(plan.server));
  try {
    const result = await measure(plan, server, 'promise-concurrent', 10_000);
    lines.push(
      `(d) ${result.shape}: ${result.requests} requests, wall ${result.wallMs.mean.toFixed(0)} ms (ideal ${result.idealWallMs} ms), server saw ${result.server.maxInFlight} in flight, p99 ${result.latencyMs.p99.toFixed(0)} ms, peak RSS ${formatBytes(result.memory.peakRssBytes)}`,
    );
    return {
      name: '(d) 10,000 in flight complete without errors',
      measured: `${result.errors.total} errors, ${result.server.maxInFlight} in flight at the server, peak RSS ${formatBytes(result.memory.peakRssBytes)}`,
      target: '0 errors',
      pass: result.errors.total === 0,
    };
  } finally {
    await server.stop();
  }
}

export const runnersSelfBench: SelfBench = async () => {
  const lines: string[] = [];
  const checks = [
    await harnessOverhead(lines),
    await ioBoundAccuracy(lines),
    ...(await cpuBoundSpeedup(lines)),
    await tenThousandInFlight(lines),
  ];
  return { title: 'Runners and measurement (issue 4)', lines, checks };
};

/** (e) The limiter dimension's cost: each fixed limiter against lanes at zero latency (issue 16). */
export const limitersSelfBench: SelfBench = async () => {
  const lines: string[] = [];
  const checks = await limiterOverhead(lines);
  return { title: 'Limiters against lanes (issue 16)', lines, checks };
};
