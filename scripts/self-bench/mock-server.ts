import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from '../../common/child-processes.ts';
import { waitForMessage } from '../../common/ipc.ts';
import { startMockServerProcess, type MockServerProcess } from '../../mock-server/process.ts';
import { serverProfileSchema, type ServerProfileInput } from '../../mock-server/profile.ts';
import { cannon, closedLoopLatency, percentileMs, type CannonFigures } from './load.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';
import { coherencyPart } from './mock-server-coherency.ts';
import { wrkSelfBench, type ServerStarters } from './mock-server-wrk.ts';
import { WRK_AVAILABLE } from './wrk.ts';
import { cpuSeconds } from '../../common/process-cpu.ts';

const PLAIN_SERVER = fileURLToPath(new URL('./plain-http-server.js', import.meta.url));
const BODY_BYTES = 256;
const CAPACITY_CONNECTIONS = 50;
const CAPACITY_SECONDS = 2;
const CAPACITY_ROUNDS = 5;
const LATENCY_MS = 50;
const LATENCY_CONNECTIONS = 100;

interface Served {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

interface Round extends CannonFigures {
  readonly cpuMicrosPerRequest: number;
}

async function measuredRound(server: Served): Promise<Round> {
  const cpuBefore = cpuSeconds(server.pid);
  const figures = await cannon(server.url, CAPACITY_CONNECTIONS, CAPACITY_SECONDS);
  return { ...figures, cpuMicrosPerRequest: ((cpuSeconds(server.pid) - cpuBefore) / figures.total) * 1e6 };
}

/** `body`: how the plain server hands node:http its body, a Buffer (the usual way) or a latin1 string (the fastest). */
async function startPlainServer(body: 'buffer' | 'string', delayMs = 0): Promise<Served> {
  const args = [String(BODY_BYTES), body, String(delayMs)];
  const child = trackChild(fork(PLAIN_SERVER, args, { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  try {
    const port = await waitForMessage<{ port?: number }, number>(child, (message) => message.port, 'plain node:http server', 15_000);
    return { url: `http://127.0.0.1:${port}/`, pid: child.pid ?? -1, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function startMock(profile: ServerProfileInput): Promise<MockServerProcess> {
  return startMockServerProcess(serverProfileSchema.parse(profile));
}

function rateOf(requestsPerSecond: number): string {
  return `${Math.round(requestsPerSecond).toLocaleString('en-US')} req/s`;
}

function rate(figures: CannonFigures): string {
  return rateOf(figures.servedPerSecond);
}

function check(name: string, measured: number, unit: string, target: string, pass: boolean): SelfBenchCheck {
  return { name, measured: `${measured.toFixed(unit === '' ? 3 : 2)}${unit}`, target, pass };
}

/**
 * The mock server's promises: as fast as plain node:http (so it never is the bottleneck it is meant to
 * model), latency as configured (so ideal bounds hold), more than one core when a scenario needs it, and a
 * retrograde server that follows its own formula.
 */
export const mockServerSelfBench: SelfBench = async () => {
  const section = await (WRK_AVAILABLE ? wrkSelfBench(wrkStarters)() : undiciSelfBench());
  const coherency = await coherencyPart();
  return { ...section, lines: [...section.lines, ...coherency.lines], checks: [...section.checks, ...coherency.checks] };
};

const wrkStarters: ServerStarters = {
  plain: (body, delayMs = 0) => startPlainServer(body, delayMs),
  mock: async (latencyMs, workers) => {
    const server = await startMock({ latencyMs, bodyBytes: BODY_BYTES, ...(workers === undefined ? {} : { workers }) });
    return {
      url: `${server.url}/`,
      pid: server.pid,
      stop: () => server.stop(),
      reset: () => server.resetStats(),
      stats: () => server.stats(),
    };
  },
};

/** Without wrk: autocannon for the rate, an undici closed loop for the latency. */
const undiciSelfBench: SelfBench = async () => {
  const lines: string[] = [
    `machine: ${availableParallelism()} cores, load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} at start (shared machine: other work moves these figures; rerun when load is below 1)`,
  ];
  const checks: SelfBenchCheck[] = [];

  // (a) Capacity at zero latency, the servers side by side, rounds interleaved so drift hits all alike. The mock
  // server is held to the faster of the two plain servers.
  const plainServers = [await startPlainServer('buffer'), await startPlainServer('string')];
  const mockProcess = await startMock({ latencyMs: 0, bodyBytes: BODY_BYTES });
  const servers: readonly Served[] = [
    ...plainServers,
    { url: `${mockProcess.url}/`, pid: mockProcess.pid, stop: () => mockProcess.stop() },
  ];
  const rounds: Round[][] = servers.map(() => []);
  try {
    for (const server of servers) await cannon(server.url, CAPACITY_CONNECTIONS, 1);
    for (let round = 0; round < CAPACITY_ROUNDS; round += 1) {
      for (const [index, server] of servers.entries()) rounds[index]?.push(await measuredRound(server));
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  const [bufferRounds = [], stringRounds = [], mockRounds = []] = rounds;
  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const cpuPerRequest = (serverRounds: readonly Round[]): number => median(serverRounds.map((round) => round.cpuMicrosPerRequest));
  const medianRate = (serverRounds: readonly Round[]): number => median(serverRounds.map((round) => round.servedPerSecond));
  const best = <R extends CannonFigures>(serverRounds: readonly R[]): R =>
    serverRounds.reduce((top, figures) => (figures.servedPerSecond > top.servedPerSecond ? figures : top));
  const mockBest = best(mockRounds);
  // Medians of interleaved rounds: a host can disturb a round either way (one round of 49k req/s among 31k was seen).
  const ratio = medianRate(mockRounds) / Math.max(medianRate(bufferRounds), medianRate(stringRounds));
  const cpuRatio = Math.min(cpuPerRequest(bufferRounds), cpuPerRequest(stringRounds)) / cpuPerRequest(mockRounds);
  const errors = (serverRounds: readonly Round[]): number => serverRounds.reduce((n, r) => n + r.errors + r.non2xx, 0);
  lines.push(
    `(a) zero latency, ${BODY_BYTES} B JSON, autocannon ${CAPACITY_CONNECTIONS} connections, ${CAPACITY_ROUNDS} interleaved rounds of ${CAPACITY_SECONDS} s, 2xx per second:`,
    `    plain node:http, Buffer body  ${bufferRounds.map(rate).join(' | ')}  -> median ${rateOf(medianRate(bufferRounds))}`,
    `    plain node:http, string body  ${stringRounds.map(rate).join(' | ')}  -> median ${rateOf(medianRate(stringRounds))}`,
    `    mock server                   ${mockRounds.map(rate).join(' | ')}  -> median ${rateOf(medianRate(mockRounds))}`,
    `    server CPU per request (median round): plain ${cpuPerRequest(bufferRounds).toFixed(1)} us (Buffer), ` +
      `${cpuPerRequest(stringRounds).toFixed(1)} us (string); mock ${cpuPerRequest(mockRounds).toFixed(1)} us ` +
      '(less noisy than req/s when the load generator shares the cores)',
    `    errors/non-2xx: plain ${errors(bufferRounds) + errors(stringRounds)}, mock ${errors(mockRounds)}`,
  );
  // Only 2xx answers count as served, and any error fails the check: fast error answers must not raise the ratio.
  const allErrors = errors(bufferRounds) + errors(stringRounds) + errors(mockRounds);
  checks.push({
    name: 'mock / fastest plain node:http served rate (median rounds)',
    measured: `${ratio.toFixed(3)}${allErrors > 0 ? `, ${allErrors} errors` : ''}`,
    target: '>= 0.9, no errors',
    pass: ratio >= 0.9 && allErrors === 0,
  });
  checks.push(check('fastest plain / mock server CPU per request (median rounds)', cpuRatio, '', '>= 0.9', cpuRatio >= 0.9));

  // (b) Fidelity: fixed 50 ms, 100 connections, closed loop, after warm-up; a plain node:http server answering
  // after setTimeout(50) beside it, measured by the same client, shows what the machine and client add.
  const fixed = await startMock({ latencyMs: LATENCY_MS, bodyBytes: BODY_BYTES });
  const timed = await startPlainServer('buffer', LATENCY_MS);
  let latency: Awaited<ReturnType<typeof closedLoopLatency>>;
  let reference: Awaited<ReturnType<typeof closedLoopLatency>>;
  let lateness: Awaited<ReturnType<MockServerProcess['stats']>>['lateness'];
  try {
    // The reset lands at the start of the warm-up: the lateness covers the warm-up and the measured window.
    const measured = closedLoopLatency(`${fixed.url}/`, LATENCY_CONNECTIONS, 2_000, 5_000);
    await fixed.resetStats();
    latency = await measured;
    lateness = (await fixed.stats()).lateness;
    reference = await closedLoopLatency(timed.url, LATENCY_CONNECTIONS, 2_000, 5_000);
  } finally {
    await fixed.stop();
    await timed.stop();
  }
  const clientP50 = percentileMs(latency.client, 50);
  const clientP99 = percentileMs(latency.client, 99);
  const percentiles = (figures: typeof latency): string =>
    `p50 ${percentileMs(figures.client, 50).toFixed(2)}  p90 ${percentileMs(figures.client, 90).toFixed(2)}  ` +
    `p99 ${percentileMs(figures.client, 99).toFixed(2)}  max ${(figures.client.max / 1000).toFixed(2)} ms`;
  lines.push(
    `(b) fixed ${LATENCY_MS} ms, ${LATENCY_CONNECTIONS} connections (undici, closed loop), 2 s warm-up, ${latency.requests} requests measured in 5 s:`,
    `    client-observed  ${percentiles(latency)}`,
    `    server serve;dur p50 ${percentileMs(latency.serve, 50).toFixed(3)}  p99 ${percentileMs(latency.serve, 99).toFixed(3)} ms` +
      ` (Server-Timing: slot to answer; exact minimum ${latency.serveMinMs.toFixed(3)} ms)`,
    `    server's own lateness (/__stats): p50 ${lateness.p50Ms.toFixed(3)}  p99 ${lateness.p99Ms.toFixed(3)}  max ${lateness.maxMs.toFixed(3)} ms, ` +
      `early ${lateness.early} of ${lateness.count}`,
    `    reference: plain node:http + setTimeout(${LATENCY_MS}), same client, ${reference.requests} requests: ${percentiles(reference)}`,
  );
  const referenceP50 = percentileMs(reference.client, 50);
  const referenceP99 = percentileMs(reference.client, 99);
  checks.push(
    check(
      `p50 at ${LATENCY_MS} ms vs setTimeout's ${referenceP50.toFixed(2)} ms`,
      clientP50,
      ' ms',
      '<= setTimeout + 0.3 ms',
      clientP50 <= referenceP50 + 0.3,
    ),
  );
  checks.push(
    check(
      `p99 at ${LATENCY_MS} ms vs setTimeout's ${referenceP99.toFixed(2)} ms`,
      clientP99,
      ' ms',
      '<= setTimeout + 2 ms',
      clientP99 <= referenceP99 + 2,
    ),
  );
  // Its own count of early answers cannot exceed 0 (its timer fires only past a deadline; the line above shows it).
  // What can fail is what the client saw, on its own clock: a median answer before the latency.
  checks.push({
    name: 'never early, as the client saw it: p50 at or above the latency',
    measured: `${clientP50.toFixed(2)} ms`,
    target: `>= ${LATENCY_MS} ms`,
    pass: clientP50 >= LATENCY_MS,
  });

  // (c) Where one process saturates, and what --workers 2 adds; stats must add up across workers.
  const cluster = await startMock({ latencyMs: 0, bodyBytes: BODY_BYTES, workers: 2 });
  let clustered: CannonFigures;
  let served: number;
  try {
    await cannon(`${cluster.url}/`, CAPACITY_CONNECTIONS, 1);
    await cluster.resetStats();
    clustered = await cannon(`${cluster.url}/`, CAPACITY_CONNECTIONS, CAPACITY_SECONDS);
    served = (await cluster.stats()).served;
  } finally {
    await cluster.stop();
  }
  lines.push(
    `(c) one server process saturates at ~${rate(mockBest)} (zero latency, one core busy; with latency L and C connections a`,
    `    client gets min(C / L, that rate)). --workers 2: ${rate(clustered)} on this ${availableParallelism()}-core machine, where the`,
    '    load generator needs a core too; /__stats summed over both workers counted ' +
      `${served.toLocaleString('en-US')} served vs ${clustered.total.toLocaleString('en-US')} completed by autocannon.`,
  );
  const gap = Math.abs(served - clustered.total);
  checks.push({
    name: 'stats aggregate across 2 workers (served vs completed)',
    measured: `${served} vs ${clustered.total}`,
    target: `differ by <= ${CAPACITY_CONNECTIONS} (requests cut at the end)`,
    pass: gap <= CAPACITY_CONNECTIONS,
  });

  return { title: 'mock server: speed vs plain node:http, latency fidelity, saturation', lines, checks };
};
