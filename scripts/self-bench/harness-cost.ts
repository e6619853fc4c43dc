import os from 'node:os';
import { formatRequestIdentity, REQUEST_IDENTITY_HEADER, streamOf } from '../../common/request-identity.ts';
import { levelBatches } from '../../harness/measure/measure-runner.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import { startModelHost } from '../../runners/host/model-host.ts';
import { runnerDescriptor } from '../../runners/registry.ts';
import type { RunnerId } from '../../runners/types.ts';
import { NO_WORK } from '../../runners/work.ts';
import { batchSetup } from '../../runners/batch-spec.ts';
import { bareChildren, barePiscina, bareProcess, type BarePool } from './bare-pools.ts';
import { hostBusyRate, planFor } from './measure-plan.ts';
import { medianInterval } from '../../harness/statistics/median-interval.ts';
import type { SelfBenchCheck } from './section.ts';

// 21 paired rounds: the median's 95% interval is then x(6)..x(16) of the ratios.
const ROUNDS = 21;
// Rounds of about a second each: at 0 ms, rounds of 5,000 requests (0.2 s) spread from 0.48 to 1.42 on a quiet machine.
const REQUESTS = 20_000;
const IN_FLIGHT = 100;
const SAME_LENGTH_IDENTITY = formatRequestIdentity({ stream: streamOf('self-bench'), iteration: 1, index: 1234, attempt: 0 });

interface Comparison {
  readonly runner: RunnerId;
  readonly baseline: string;
  readonly target: number;
  /** Send the identity header although this server's answers do not depend on it (the harness leaves it off). */
  readonly identityHeader?: true;
  readonly bare: (origin: string) => Promise<BarePool>;
}

/**
 * (a) What the harness costs each model: its runner (shared client, identity, lanes or pulling pools, histograms,
 * classification) against a bare loop of the same shape on the same Agent settings and server, at zero latency and
 * 100 in flight. On a shared 2-core machine throughput drifts by tens of percent within seconds, so the two sides
 * alternate in short paired rounds (ABBA order) and the median of the per-round ratios is the figure.
 */
export async function harnessCost(lines: string[]): Promise<SelfBenchCheck[]> {
  const plan = planFor({ server: { latencyMs: 0, bodyBytes: 256 }, workload: { requests: REQUESTS }, concurrency: [IN_FLIGHT] });
  const workers = os.availableParallelism();
  const comparisons: readonly Comparison[] = [
    {
      runner: 'promise-concurrent',
      baseline: 'a bare undici loop in a process of its own',
      target: 0.95,
      bare: (origin) => bareProcess(origin, plan.client, IN_FLIGHT),
    },
    // Scenarios whose server draws per request need the identity header: the harness then sends it, and the loop
    // sends one of the same length (one constant value), so the mock server does the same work for both sides.
    {
      runner: 'promise-concurrent',
      baseline: 'a bare undici loop in a process of its own, with an identity header',
      target: 0.95,
      identityHeader: true,
      bare: (origin) => bareProcess(origin, plan.client, IN_FLIGHT, { [REQUEST_IDENTITY_HEADER]: SAME_LENGTH_IDENTITY }),
    },
    {
      runner: 'worker-threads',
      baseline: 'plain piscina tasks running the bare loop',
      target: 0.9,
      bare: (origin) => barePiscina(origin, plan.client, workers, IN_FLIGHT),
    },
    {
      runner: 'child-process',
      baseline: 'plain forked children running the bare loop',
      target: 0.9,
      bare: (origin) => bareChildren(origin, plan.client, workers, IN_FLIGHT),
    },
  ];
  const server = await startMockServerProcess(plan.server);
  const checks: SelfBenchCheck[] = [];
  try {
    for (const comparison of comparisons) {
      const host = await startModelHost(runnerDescriptor(comparison.runner), workers);
      const parts = { origin: server.url, client: plan.client, work: { cpuWork: NO_WORK, busyRate: hostBusyRate() } };
      const batches = levelBatches({ setup: parts, path: '/', requests: REQUESTS, concurrency: IN_FLIGHT }, plan);
      const withIdentity = batchSetup(parts, plan.server.seed, true);
      let iteration = 0;
      const harnessRate = async (): Promise<number> => {
        const batch = batches(iteration++);
        const hosted = await host.runBatch(comparison.identityHeader ? { ...batch, setup: withIdentity } : batch);
        return (REQUESTS / hosted.wallMs) * 1000;
      };
      const bare = await comparison.bare(server.url);
      try {
        await harnessRate();
        await bare.batch(REQUESTS);
        const ratios: number[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          const harnessFirst = round % 4 === 0 || round % 4 === 3;
          const first = harnessFirst ? await harnessRate() : await bare.batch(REQUESTS);
          const second = harnessFirst ? await bare.batch(REQUESTS) : await harnessRate();
          const [harness, baseline] = harnessFirst ? [first, second] : [second, first];
          ratios.push(harness / baseline);
          lines.push(
            `(a) ${comparison.runner} round ${round + 1}: ${harness.toFixed(0)} req/s, ${comparison.baseline} ${baseline.toFixed(0)} req/s, ratio ${(harness / baseline).toFixed(3)}`,
          );
        }
        const ratio = medianInterval(ratios);
        checks.push({
          name: `(a) harness cost: ${comparison.runner} / ${comparison.baseline}, 0 ms, ${IN_FLIGHT} in flight`,
          measured: `ratio ${ratio.median.toFixed(3)} (median of ${ROUNDS} paired rounds, 95% interval ${ratio.low.toFixed(3)} to ${ratio.high.toFixed(3)})`,
          target: `>= ${comparison.target.toFixed(2)}`,
          pass: ratio.median >= comparison.target,
        });
      } finally {
        await bare.close();
        await host.stop();
      }
    }
    return checks;
  } finally {
    await server.stop();
  }
}
