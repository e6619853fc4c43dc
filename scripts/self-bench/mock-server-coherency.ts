import { closedLoopThroughput, slowedServiceMs, truePeak } from '../../mock-server/coherency.ts';
import { startMockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema } from '../../mock-server/profile.ts';
import { findScenario } from '../../scenarios/registry.ts';
import { closedLoopLatency } from './load.ts';
import type { SelfBenchCheck } from './section.ts';

const CLIENTS = [1, 2, 4, 8, 16, 20, 32, 64] as const;
/** Measured / formula per level: network and client time sit between a client's answer and its next request. */
const TOLERANCE = 0.1;

/**
 * (d) The retrograde-backend server against its own formula: closed loops of N clients (undici, one connection each),
 * throughput measured in a window after warm-up, beside X(N) = N / S(N) (mock-server/coherency.ts).
 */
export async function coherencyPart(): Promise<{ readonly lines: readonly string[]; readonly checks: readonly SelfBenchCheck[] }> {
  const { server: profile } = findScenario('retrograde-backend');
  const latencyMs = profile.latencyMs;
  const slowdown = { contention: profile.contention ?? 0, coherency: profile.coherency ?? 0 };
  const peak = truePeak(latencyMs, slowdown);
  const server = await startMockServerProcess(serverProfileSchema.parse(profile));
  const measured: { clients: number; rate: number; formula: number; lateP99Ms: number }[] = [];
  try {
    for (const clients of CLIENTS) {
      const serviceMs = slowedServiceMs(latencyMs, clients, slowdown);
      const measureMs = Math.max(1_000, 10 * serviceMs);
      await server.resetStats();
      const figures = await closedLoopLatency(`${server.url}/`, clients, Math.max(300, 3 * serviceMs), measureMs);
      const { lateness } = await server.stats();
      measured.push({
        clients,
        rate: figures.requests / (measureMs / 1000),
        formula: closedLoopThroughput(clients, latencyMs, slowdown),
        lateP99Ms: lateness.p99Ms,
      });
    }
  } finally {
    await server.stop();
  }
  const lines = [
    `(d) retrograde-backend's server (latency ${latencyMs} ms, contention ${slowdown.contention}, coherency ${slowdown.coherency}): closed loops ` +
      `of N clients against X(N) = N / (${latencyMs} ms x (1 + sigma (N-1) + kappa N (N-1))); true peak N* = ${peak?.concurrency.toFixed(1)}, ` +
      `${peak?.throughput.toFixed(0)} req/s:`,
    ...measured.map(
      (m) =>
        `    N ${String(m.clients).padStart(3)}  measured ${m.rate.toFixed(1).padStart(6)} req/s  formula ${m.formula.toFixed(1).padStart(6)}  ` +
        `ratio ${(m.rate / m.formula).toFixed(3)}  (server lateness p99 ${m.lateP99Ms.toFixed(2)} ms)`,
    ),
  ];
  const worst = measured.reduce((far, m) => (Math.abs(m.rate / m.formula - 1) > Math.abs(far.rate / far.formula - 1) ? m : far));
  const best = measured.reduce((top, m) => (m.rate > top.rate ? m : top));
  const last = measured[measured.length - 1];
  return {
    lines,
    checks: [
      {
        name: 'coherency: measured closed-loop throughput / formula, worst level',
        measured: `${(worst.rate / worst.formula).toFixed(3)} at N ${worst.clients}`,
        target: `within ${TOLERANCE * 100}%`,
        pass: Math.abs(worst.rate / worst.formula - 1) <= TOLERANCE,
      },
      {
        name: 'coherency: throughput turns down past the peak (N 64 / best level)',
        measured: `${((last?.rate ?? 0) / best.rate).toFixed(3)} (best at N ${best.clients})`,
        target: `<= ${((last?.formula ?? 0) / (peak?.throughput ?? 1) + TOLERANCE).toFixed(2)} (formula ${((last?.formula ?? 0) / (peak?.throughput ?? 1)).toFixed(2)})`,
        pass: (last?.rate ?? 0) / best.rate <= (last?.formula ?? 0) / (peak?.throughput ?? 1) + TOLERANCE,
      },
    ],
  };
}
