import { startMockServerProcess } from '../../mock-server/launcher.ts';
import { serverProfileSchema } from '../../mock-server/profile.ts';
import { formatBytes } from '../../reports/format.ts';
import { bareUndiciThroughput } from './bare-undici.ts';
import { measure, median, planFor } from './measure-plan.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';

const HARNESS_ROUNDS = 3;

/** (a) What the harness costs: promise-concurrent against a bare undici loop, alternated on one server. */
async function harnessOverhead(lines: string[]): Promise<SelfBenchCheck> {
  const plan = planFor({ server: { latencyMs: 0, bodyBytes: 256 }, workload: { requests: 5000 }, concurrency: [100], iterations: 3, warmupIterations: 1 });
  const server = await startMockServerProcess(plan.server);
  try {
    const ratios: number[] = [];
    for (let round = 0; round < HARNESS_ROUNDS; round += 1) {
      const harness = (await measure(plan, server, 'promise-concurrent', 100)).throughput.mean;
      const bare = await bareUndiciThroughput(server.url, plan.client, 100, plan.requests);
      ratios.push(harness / bare);
      lines.push(`(a) round ${round + 1}: promise-concurrent ${harness.toFixed(0)} req/s, bare undici loop ${bare.toFixed(0)} req/s, ratio ${(harness / bare).toFixed(3)}`);
    }
    const ratio = median(ratios);
    return { name: '(a) harness cost: promise-concurrent / bare undici, 0 ms, 100 in flight', measured: `ratio ${ratio.toFixed(3)} (median of ${HARNESS_ROUNDS})`, target: '>= 0.9', pass: ratio >= 0.9 };
  } finally {
    await server.stop();
  }
}

/** (b) I/O-bound accuracy: 2,000 requests, 100 in flight, 50 ms: wall time against ceil(N / 100) x 50 ms. */
async function ioBoundAccuracy(lines: string[]): Promise<SelfBenchCheck> {
  const plan = planFor({ server: { latencyMs: 50, bodyBytes: 256 }, workload: { requests: 2000 }, concurrency: [100], iterations: 3, warmupIterations: 1 });
  const server = await startMockServerProcess(plan.server);
  try {
    const result = await measure(plan, server, 'promise-concurrent', 100);
    const factor = result.wallMs.mean / result.idealWallMs;
    lines.push(`(b) wall ${result.wallMs.mean.toFixed(1)} ms (min ${result.wallMs.min.toFixed(1)}), ideal ${result.idealWallMs} ms, p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms`);
    return { name: '(b) io-bound N=2000, 100 in flight, 50 ms: wall / ideal', measured: factor.toFixed(3), target: '<= 1.10', pass: factor <= 1.1 };
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
      lines.push(`(c) ${pool.shape} ${pool.throughput.mean.toFixed(0)} req/s, ${pool.cpu.coresUsed.toFixed(2)} cores, efficiency ${(pool.efficiency * 100).toFixed(0)}% of the CPU bound`);
      checks.push({ name: `(c) cpu-bound, 5 ms CPU/response, 0 ms latency: ${id} / sequential`, measured: `${speedup.toFixed(2)}x`, target: '>= 1.7x', pass: speedup >= 1.7 });
    }
    return checks;
  } finally {
    await server.stop();
  }
}

/** (d) 10,000 requests in flight at once, on one event loop. */
async function tenThousandInFlight(lines: string[]): Promise<SelfBenchCheck> {
  const plan = planFor({ server: { latencyMs: 200, bodyBytes: 256 }, workload: { requests: 10_000 }, concurrency: [10_000], iterations: 2, warmupIterations: 1 });
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
  const checks = [await harnessOverhead(lines), await ioBoundAccuracy(lines), ...(await cpuBoundSpeedup(lines)), await tenThousandInFlight(lines)];
  return { title: 'Runners and measurement (issue 4)', lines, checks };
};
