import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { formatRequestIdentity, REQUEST_IDENTITY_HEADER, streamOf } from '../../common/request-identity.ts';
import type { ServerStatsSnapshot } from '../../mock-server/stats.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';
import { PINNING, pinServer, wrk, type WrkFigures } from './wrk.ts';

interface Served {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

interface MockServed extends Served {
  stats(): Promise<ServerStatsSnapshot>;
  reset(): Promise<void>;
}

export interface ServerStarters {
  plain(body: 'buffer' | 'string', delayMs?: number): Promise<Served>;
  mock(latencyMs: number, workers?: number): Promise<MockServed>;
}

interface RateRun {
  readonly name: string;
  readonly server: Served;
  readonly headers: readonly string[];
  readonly rounds: WrkFigures[];
}

const RATE_CONNECTIONS = 50;
const RATE_SECONDS = 2;
const RATE_ROUNDS = 3;
const LATENCY_MS = 50;
const LATENCY_CONNECTIONS = 100;
const LATENCY_SECONDS = 4;
const LATENCY_ROUNDS = 4;
const IDENTITY = `${REQUEST_IDENTITY_HEADER}: ${formatRequestIdentity({ stream: streamOf('self-bench'), iteration: 3, index: 12_345, attempt: 0 })}`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const rate = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')} req/s`;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const errorsIn = (rounds: readonly WrkFigures[]): number => rounds.reduce((n, r) => n + r.errors, 0);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Context switches of every thread of a process so far (Linux /proc; NaN elsewhere): each is a chance to lose the CPU. */
function contextSwitches(pid: number): number {
  try {
    let total = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const status = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
      total +=
        Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1]) + Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1]);
    }
    return total;
  } catch {
    return Number.NaN;
  }
}

/** The mock server measured by wrk, the observer that costs least: (a) rate at zero latency, (b) punctuality, (c) --workers. */
export function wrkSelfBench(start: ServerStarters): SelfBench {
  return async () => {
    const lines: string[] = [
      `machine: ${availableParallelism()} cores, load average ${load()} at start; wrk ${PINNING ? 'on core 0, servers on core 1 (taskset)' : 'unpinned'}`,
    ];
    const checks: SelfBenchCheck[] = [];

    // (a) Zero latency, rounds interleaved so drift hits every server alike; the mock with and without the identity header.
    const plainBuffer = await start.plain('buffer');
    const plainString = await start.plain('string');
    const mock = await start.mock(0);
    const run = (name: string, server: Served, headers: readonly string[]): RateRun => ({ name, server, headers, rounds: [] });
    const buffer = run('plain node:http, Buffer body', plainBuffer, []);
    const text = run('plain node:http, string body', plainString, []);
    const bare = run('mock server, no identity', mock, []);
    const identified = run(`mock server, ${REQUEST_IDENTITY_HEADER}`, mock, [IDENTITY]);
    const runs = [buffer, text, bare, identified];
    try {
      for (const { server } of runs) pinServer(server.pid);
      for (const { server } of runs) await wrk(server.url, RATE_CONNECTIONS, 1);
      for (let round = 0; round < RATE_ROUNDS; round += 1) {
        for (const { server, headers, rounds } of runs) rounds.push(await wrk(server.url, RATE_CONNECTIONS, RATE_SECONDS, headers));
      }
    } finally {
      await Promise.all([plainBuffer.stop(), plainString.stop(), mock.stop()]);
    }
    const medianRate = (rounds: readonly WrkFigures[]): number => median(rounds.map((r) => r.servedPerSecond));
    lines.push(
      `(a) zero latency, wrk ${RATE_CONNECTIONS} connections, ${RATE_ROUNDS} interleaved rounds of ${RATE_SECONDS} s, 2xx answers per second (load ${load()}):`,
    );
    for (const { name, rounds } of runs) {
      lines.push(
        `    ${name.padEnd(32)} ${rounds.map((r) => rate(r.servedPerSecond)).join(' | ')}  -> median ${rate(medianRate(rounds))}, errors ${errorsIn(rounds)}`,
      );
    }
    const plainErrors = errorsIn(buffer.rounds) + errorsIn(text.rounds);
    const plainRate = Math.max(medianRate(buffer.rounds), medianRate(text.rounds));
    checks.push(
      rateCheck(
        'mock / fastest plain node:http served rate, no identity header',
        medianRate(bare.rounds) / plainRate,
        plainErrors + errorsIn(bare.rounds),
      ),
    );
    checks.push(
      rateCheck(
        `mock / fastest plain node:http served rate, with ${REQUEST_IDENTITY_HEADER}`,
        medianRate(identified.rounds) / plainRate,
        plainErrors + errorsIn(identified.rounds),
      ),
    );

    // (b) Punctuality: fixed 50 ms against plain node:http answering after setTimeout(50), same observer, rounds
    // interleaved in alternating order; the mock's own lateness (/__stats) beside each of its rounds.
    const fixed = await start.mock(LATENCY_MS);
    const timed = await start.plain('buffer', LATENCY_MS);
    const mockRounds: WrkFigures[] = [];
    const timeoutRounds: WrkFigures[] = [];
    const lateness: ServerStatsSnapshot['lateness'][] = [];
    const switches = { mock: 0, timeout: 0 };
    const measureMock = async (): Promise<void> => {
      await fixed.reset();
      const before = contextSwitches(fixed.pid);
      mockRounds.push(await wrk(fixed.url, LATENCY_CONNECTIONS, LATENCY_SECONDS, [IDENTITY]));
      switches.mock += contextSwitches(fixed.pid) - before;
      lateness.push((await fixed.stats()).lateness);
    };
    const measureTimeout = async (): Promise<void> => {
      const before = contextSwitches(timed.pid);
      timeoutRounds.push(await wrk(timed.url, LATENCY_CONNECTIONS, LATENCY_SECONDS));
      switches.timeout += contextSwitches(timed.pid) - before;
    };
    try {
      pinServer(fixed.pid);
      pinServer(timed.pid);
      await wrk(fixed.url, LATENCY_CONNECTIONS, 1, [IDENTITY]);
      await wrk(timed.url, LATENCY_CONNECTIONS, 1);
      for (let round = 0; round < LATENCY_ROUNDS; round += 1) {
        const order = round % 2 === 0 ? [measureMock, measureTimeout] : [measureTimeout, measureMock];
        for (const measure of order) await measure();
      }
    } finally {
      await Promise.all([fixed.stop(), timed.stop()]);
    }
    const percentiles = (r: WrkFigures): string =>
      `p50 ${ms(r.percentilesMs.p50)}  p90 ${ms(r.percentilesMs.p90)}  p99 ${ms(r.percentilesMs.p99)}  (${rate(r.requestsPerSecond)}, errors ${r.errors})`;
    lines.push(
      `(b) fixed ${LATENCY_MS} ms, wrk ${LATENCY_CONNECTIONS} connections, ${LATENCY_ROUNDS} interleaved rounds of ${LATENCY_SECONDS} s (load ${load()}):`,
    );
    for (let round = 0; round < LATENCY_ROUNDS; round += 1) {
      const m = mockRounds[round];
      const t = timeoutRounds[round];
      const late = lateness[round];
      if (m) lines.push(`    round ${round + 1} mock server                       ${percentiles(m)}`);
      if (late) {
        lines.push(
          `            its own lateness (/__stats)        p50 ${late.p50Ms.toFixed(3)}  p99 ${late.p99Ms.toFixed(3)}  max ${late.maxMs.toFixed(3)} ms, ` +
            `early ${late.early} of ${late.count}`,
        );
      }
      if (t) lines.push(`    round ${round + 1} plain node:http + setTimeout(${LATENCY_MS})   ${percentiles(t)}`);
    }
    const perAnswer = (count: number, rounds: readonly WrkFigures[]): string =>
      (count / rounds.reduce((n, r) => n + r.total, 0)).toFixed(3);
    lines.push(
      `    server context switches per answer (all threads): mock ${perAnswer(switches.mock, mockRounds)}, ` +
        `setTimeout ${perAnswer(switches.timeout, timeoutRounds)}`,
    );
    const at = (rounds: readonly WrkFigures[], p: 'p50' | 'p99'): number => median(rounds.map((r) => r.percentilesMs[p]));
    const [mockP50, mockP99, timeoutP50, timeoutP99] = [
      at(mockRounds, 'p50'),
      at(mockRounds, 'p99'),
      at(timeoutRounds, 'p50'),
      at(timeoutRounds, 'p99'),
    ];
    const punctualityErrors = errorsIn(mockRounds) + errorsIn(timeoutRounds);
    const withErrors = punctualityErrors > 0 ? `, ${punctualityErrors} errors` : '';
    checks.push({
      name: `p50 at ${LATENCY_MS} ms vs setTimeout (median of rounds)`,
      measured: `${ms(mockP50)} vs ${ms(timeoutP50)}${withErrors}`,
      target: '<= setTimeout + 0.3 ms, no errors',
      pass: mockP50 <= timeoutP50 + 0.3 && punctualityErrors === 0,
    });
    checks.push({
      name: `p99 at ${LATENCY_MS} ms vs setTimeout (median of rounds)`,
      measured: `${ms(mockP99)} vs ${ms(timeoutP99)}${withErrors}`,
      target: '<= setTimeout + 2 ms, no errors',
      pass: mockP99 <= timeoutP99 + 2 && punctualityErrors === 0,
    });
    // The server's own count of early answers cannot exceed 0 (its timer fires only past a deadline): a line, not a
    // check. What can fail is what the client saw: a median answer before the latency means answers went out early.
    const early = lateness.reduce((n, late) => n + late.early, 0);
    const answered = lateness.reduce((n, late) => n + late.count, 0);
    lines.push(`    never early by its own count: ${early} of ${answered} answers written before their deadline`);
    checks.push({
      name: "never early, as wrk saw it: the mock's p50 at or above the latency (median of rounds)",
      measured: ms(mockP50),
      target: `>= ${LATENCY_MS} ms`,
      pass: mockP50 >= LATENCY_MS,
    });

    // (c) --workers 2: stats must add up across workers (not pinned: the workers are meant to use both cores).
    const cluster = await start.mock(0, 2);
    let clustered: WrkFigures;
    let served: number;
    try {
      await wrk(cluster.url, RATE_CONNECTIONS, 1);
      await cluster.reset();
      clustered = await wrk(cluster.url, RATE_CONNECTIONS, RATE_SECONDS);
      served = (await cluster.stats()).served;
    } finally {
      await cluster.stop();
    }
    lines.push(
      `(c) --workers 2: ${rate(clustered.servedPerSecond)} (one process: ${rate(medianRate(bare.rounds))}); /__stats summed over both workers counted ` +
        `${served.toLocaleString('en-US')} served vs ${clustered.total.toLocaleString('en-US')} completed by wrk.`,
    );
    checks.push({
      name: 'stats aggregate across 2 workers (served vs completed)',
      measured: `${served} vs ${clustered.total}`,
      target: `served >= completed, by <= ${RATE_CONNECTIONS} more (requests cut at the end)`,
      pass: served >= clustered.total && served - clustered.total <= RATE_CONNECTIONS,
    });
    return { title: 'mock server (wrk): speed vs plain node:http, punctuality vs setTimeout, workers', lines, checks };
  };
}

/** A served-rate ratio passes at >= 0.95 and only without errors: an error answer is never a served one. */
function rateCheck(name: string, ratio: number, errors: number): SelfBenchCheck {
  return {
    name,
    measured: `${ratio.toFixed(3)}${errors > 0 ? `, ${errors} errors` : ''}`,
    target: '>= 0.95, no errors',
    pass: ratio >= 0.95 && errors === 0,
  };
}
