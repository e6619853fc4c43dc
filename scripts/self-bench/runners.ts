import { startMockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema } from '../../mock-server/profile.ts';
import { formatBytes } from '../../common/format.ts';
import { MemorySampler } from '../../harness/measure/memory-sampler.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { bareProcess } from './bare-pools.ts';
import { cpuSeconds } from '../../common/process-cpu.ts';
import type { CompletedResult } from '../../results/types.ts';
import { harnessCost } from './harness-cost.ts';
import { againstAutocannon } from './load-generator.ts';
import { limiterOverhead } from './limiter-overhead.ts';
import { measure, planFor } from './measure-plan.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';

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
        `(c) ${pool.label} ${pool.throughput.mean.toFixed(0)} req/s, ${pool.cpu.coresUsed.toFixed(2)} cores, efficiency ${((pool.efficiency ?? Number.NaN) * 100).toFixed(0)}% of the CPU bound`,
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

const MIB = 1024 * 1024;

/** One batch of `inFlight` requests all in flight at once on one event loop, at 200 ms, with the bench harness. */
function allInFlightPlan(inFlight: number, iterations: number, warmupIterations: number): ScenarioPlan {
  return planFor({
    server: { latencyMs: 200, bodyBytes: 256 },
    workload: { requests: inFlight },
    concurrency: [inFlight],
    iterations,
    warmupIterations,
  });
}

async function allInFlight(inFlight: number, iterations: number, warmupIterations: number): Promise<CompletedResult> {
  const plan = allInFlightPlan(inFlight, iterations, warmupIterations);
  const server = await startMockServerProcess(serverProfileSchema.parse(plan.server));
  try {
    return await measure(plan, server, 'promise-concurrent', inFlight);
  } finally {
    await server.stop();
  }
}

/**
 * The same batch from a bare undici loop on one Agent of 10,000 connections (what a user would write) in a process
 * of its own, beside the harness's model host: wall and peak RSS of that process over `iterations` batches after one
 * warm-up, each started from a collected heap as the host's are.
 */
async function bareAllInFlight(
  inFlight: number,
  iterations: number,
): Promise<{ wallMs: number; peakRssBytes: number; serverCpuMs: number }> {
  const plan = allInFlightPlan(inFlight, iterations, 1);
  const server = await startMockServerProcess(serverProfileSchema.parse(plan.server));
  const bare = await bareProcess(server.url, plan.client, inFlight);
  const memory = new MemorySampler(bare.pids[0] ?? -1, []);
  try {
    await bare.batch(inFlight);
    let wallMs = 0;
    memory.start();
    const serverCpuBefore = cpuSeconds(server.pid);
    for (let iteration = 0; iteration < iterations; iteration += 1) {
      wallMs += inFlight / ((await bare.batch(inFlight)) / 1000);
    }
    const serverCpuMs = ((cpuSeconds(server.pid) - serverCpuBefore) * 1000) / iterations;
    return { wallMs: wallMs / iterations, peakRssBytes: memory.stop().mainPeakRssBytes, serverCpuMs };
  } finally {
    await bare.close();
    await server.stop();
  }
}

/** (d) 10,000 requests in flight at once, on one event loop: memory and wall against the exact ideal. */
async function tenThousandInFlight(lines: string[]): Promise<SelfBenchCheck[]> {
  const result = await allInFlight(10_000, 2, 1);
  const ideal = result.idealWallMs ?? Number.NaN;
  const factor = result.wallMs.mean / ideal;
  lines.push(
    `(d) ${result.label}: ${result.requests} requests, wall ${result.wallMs.mean.toFixed(0)} ms (ideal ${ideal.toFixed(0)} ms), server saw ${result.server.maxInFlight} in flight, p99 ${result.latencyMs.p99.toFixed(0)} ms, peak RSS ${formatBytes(result.memory.peakRssBytes)}, ${result.errors.total} errors`,
  );
  const bare = await bareAllInFlight(10_000, 2);
  lines.push(
    `(d) a bare undici loop on one Agent of 10,000 connections, in a process of its own: wall ${bare.wallMs.toFixed(0)} ms (${(bare.wallMs / ideal).toFixed(2)}x the ideal), peak RSS ${formatBytes(bare.peakRssBytes)}`,
    `(d) the mock server's single core spent ${bare.serverCpuMs.toFixed(0)} ms of CPU on each of those batches (the exact ideal counts none of it)`,
  );
  return [
    {
      name: '(d) 10,000 in flight on one loop: peak RSS',
      measured: formatBytes(result.memory.peakRssBytes),
      target: '< 300 MiB',
      pass: result.memory.peakRssBytes < 300 * MIB && result.errors.total === 0,
    },
    { name: '(d) 10,000 in flight on one loop: wall / exact ideal', measured: factor.toFixed(2), target: '<= 3', pass: factor <= 3 },
  ];
}

/** (e) 20,000 in flight: it completes, or the level fails with the limit it hit named (never a crash). */
async function twentyThousandInFlight(lines: string[]): Promise<SelfBenchCheck> {
  const result = await allInFlight(20_000, 1, 0);
  const errors =
    Object.entries(result.errors.byKind)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ') || 'none';
  lines.push(
    `(e) 20,000 in flight: ${result.errors.total} failed requests (${errors}), peak RSS ${formatBytes(result.memory.peakRssBytes)}`,
  );
  // Every failure must be a named host limit: one fd_exhausted among timeouts and resets would not explain them.
  const named = (result.errors.byKind.fd_exhausted ?? 0) + (result.errors.byKind.ports_exhausted ?? 0);
  const onlyNamed = result.errors.total > 0 && named === result.errors.total;
  return {
    name: '(e) 20,000 in flight completes or names its limit',
    measured: result.errors.total === 0 ? 'completed' : onlyNamed ? `failed on a named limit (${errors})` : `failed (${errors})`,
    target: 'completes, or every failure names the limit',
    pass: result.errors.total === 0 || onlyNamed,
  };
}

export const runnersSelfBench: SelfBench = async () => {
  const lines: string[] = [];
  const checks = [
    ...(await harnessCost(lines)),
    await ioBoundAccuracy(lines),
    ...(await cpuBoundSpeedup(lines)),
    ...(await tenThousandInFlight(lines)),
    await twentyThousandInFlight(lines),
    await againstAutocannon(lines),
  ];
  return { title: 'Runners and measurement (issue 4)', lines, checks };
};

/** (e) The limiter dimension's cost: each fixed limiter against lanes at zero latency (issue 16). */
export const limitersSelfBench: SelfBench = async () => {
  const lines: string[] = [];
  const checks = await limiterOverhead(lines);
  return { title: 'Limiters against lanes (issue 16)', lines, checks };
};
