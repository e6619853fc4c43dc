import { performance } from 'node:perf_hooks';
import { levelBatches } from '../../harness/measure/measure-runner.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import type { LimiterId } from '../../runners/limiters/types.ts';
import { createNodeRunner } from '../../runners/host/load-runner.ts';
import { NO_WORK } from '../../runners/work.ts';
import { hostBusyRate, median, planFor } from './measure-plan.ts';
import type { SelfBenchCheck } from './section.ts';

const ROUNDS = 7;
const REQUESTS = 3000;
const IN_FLIGHT = 100;
const FIXED: readonly LimiterId[] = ['chunks', 'p-limit', 'p-queue', 'p-map', 'async-sema'];

/**
 * (e) What each fixed limiter costs against lanes: promise-concurrent at 0 ms and 100 in flight, where the
 * limiter's own work is the largest share of a request. Lanes and the limiter alternate in paired rounds (ABBA)
 * so the machine's drift cancels; the figure is the median per-round ratio. Chunks is reported, not judged:
 * it waits on each chunk's slowest request by design.
 */
export async function limiterOverhead(lines: string[]): Promise<SelfBenchCheck[]> {
  const plan = planFor({ server: { latencyMs: 0, bodyBytes: 256 }, workload: { requests: REQUESTS }, concurrency: [IN_FLIGHT] });
  const server = await startMockServerProcess(plan.server);
  const runner = await createNodeRunner('promise-concurrent', { poolSize: 1 });
  const batchOf = (limiter: LimiterId): ReturnType<ReturnType<typeof levelBatches>> =>
    levelBatches(
      {
        setup: { origin: server.url, client: plan.client, work: { cpuWork: NO_WORK, busyRate: hostBusyRate() } },
        path: '/',
        requests: REQUESTS,
        concurrency: IN_FLIGHT,
        ...(limiter === 'lanes' ? {} : { limiter }),
      },
      plan,
    )(0);
  const rate = async (limiter: LimiterId): Promise<number> => {
    const batch = batchOf(limiter);
    const begin = performance.now();
    await runner.runBatch(batch);
    return (REQUESTS / (performance.now() - begin)) * 1000;
  };
  const checks: SelfBenchCheck[] = [];
  try {
    await rate('lanes');
    for (const limiter of FIXED) {
      await rate(limiter);
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const lanesFirst = round % 4 === 0 || round % 4 === 3;
        const first = await rate(lanesFirst ? 'lanes' : limiter);
        const second = await rate(lanesFirst ? limiter : 'lanes');
        const [lanes, other] = lanesFirst ? [first, second] : [second, first];
        ratios.push(other / lanes);
        lines.push(
          `(e) round ${round + 1}: ${limiter} ${other.toFixed(0)} req/s, lanes ${lanes.toFixed(0)} req/s, ratio ${(other / lanes).toFixed(3)}`,
        );
      }
      const ratio = median(ratios);
      const measured = `ratio ${ratio.toFixed(3)} (median of ${ROUNDS} paired rounds)`;
      // Chunks waits on each chunk's slowest request: at 0 ms nothing is slow, so no target holds it; it is a figure, not a check.
      if (limiter === 'chunks') {
        lines.push(`(e) chunks / lanes at 0 ms, reported, not judged: ${measured}`);
        continue;
      }
      checks.push({
        name: `(e) ${limiter} / lanes, promise-concurrent, 0 ms, ${IN_FLIGHT} in flight`,
        measured,
        target: '>= 0.95',
        pass: ratio >= 0.95,
      });
    }
    return checks;
  } finally {
    await runner.stop();
    await server.stop();
  }
}
