import { availableParallelism, loadavg } from 'node:os';
import { formatRequestIdentity, REQUEST_IDENTITY_HEADER, streamOf } from '../../common/request-identity.ts';
import type { SelfBench, SelfBenchCheck } from './section.ts';
import { PINNING, pinServer, wrk, type WrkFigures } from './wrk.ts';

export interface Served {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ServerStarters {
  plain(body: 'buffer' | 'string', delayMs?: number): Promise<Served>;
  mock(latencyMs: number, workers?: number): Promise<Served & { served(): Promise<number>; reset(): Promise<void> }>;
}

const RATE_CONNECTIONS = 50;
const RATE_SECONDS = 2;
const RATE_ROUNDS = 3;
const LATENCY_MS = 50;
const LATENCY_CONNECTIONS = 100;
const LATENCY_SECONDS = 5;
const LATENCY_ROUNDS = 2;
const IDENTITY = `${REQUEST_IDENTITY_HEADER}: ${formatRequestIdentity({ stream: streamOf('self-bench'), iteration: 3, index: 12_345, attempt: 0 })}`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const rate = (requestsPerSecond: number): string => `${Math.round(requestsPerSecond).toLocaleString('en-US')} req/s`;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

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
    const runs: { readonly name: string; readonly server: Served; readonly headers: readonly string[]; readonly rounds: WrkFigures[] }[] = [
      { name: 'plain node:http, Buffer body', server: plainBuffer, headers: [], rounds: [] },
      { name: 'plain node:http, string body', server: plainString, headers: [], rounds: [] },
      { name: 'mock server, no identity', server: mock, headers: [], rounds: [] },
      { name: `mock server, ${REQUEST_IDENTITY_HEADER}`, server: mock, headers: [IDENTITY], rounds: [] },
    ];
    try {
      for (const { server } of runs) pinServer(server.pid);
      for (const { server } of runs) await wrk(server.url, RATE_CONNECTIONS, 1);
      for (let round = 0; round < RATE_ROUNDS; round += 1) {
        for (const run of runs) run.rounds.push(await wrk(run.server.url, RATE_CONNECTIONS, RATE_SECONDS, run.headers));
      }
    } finally {
      await Promise.all([plainBuffer.stop(), plainString.stop(), mock.stop()]);
    }
    const medianRate = (rounds: readonly WrkFigures[]): number => median(rounds.map((r) => r.requestsPerSecond));
    lines.push(
      `(a) zero latency, wrk ${RATE_CONNECTIONS} connections, ${RATE_ROUNDS} interleaved rounds of ${RATE_SECONDS} s (load ${load()}):`,
    );
    for (const run of runs) {
      const errors = run.rounds.reduce((n, r) => n + r.errors, 0);
      lines.push(
        `    ${run.name.padEnd(32)} ${run.rounds.map((r) => rate(r.requestsPerSecond)).join(' | ')}  -> median ${rate(medianRate(run.rounds))}, errors ${errors}`,
      );
    }
    const [buffer, text, bare, identified] = runs.map((run) => medianRate(run.rounds)) as [number, number, number, number];
    const plain = Math.max(buffer, text);
    checks.push(ratioCheck('mock / fastest plain node:http request rate, no identity header', bare / plain));
    checks.push(ratioCheck(`mock / fastest plain node:http request rate, with ${REQUEST_IDENTITY_HEADER}`, identified / plain));

    // (b) Punctuality: fixed 50 ms against plain node:http answering after setTimeout(50), same observer, interleaved.
    const fixed = await start.mock(LATENCY_MS);
    const timed = await start.plain('buffer', LATENCY_MS);
    const mockRounds: WrkFigures[] = [];
    const timeoutRounds: WrkFigures[] = [];
    try {
      pinServer(fixed.pid);
      pinServer(timed.pid);
      await wrk(fixed.url, LATENCY_CONNECTIONS, 1);
      await wrk(timed.url, LATENCY_CONNECTIONS, 1);
      for (let round = 0; round < LATENCY_ROUNDS; round += 1) {
        mockRounds.push(await wrk(fixed.url, LATENCY_CONNECTIONS, LATENCY_SECONDS, [IDENTITY]));
        timeoutRounds.push(await wrk(timed.url, LATENCY_CONNECTIONS, LATENCY_SECONDS));
      }
    } finally {
      await Promise.all([fixed.stop(), timed.stop()]);
    }
    const percentiles = (r: WrkFigures): string =>
      `p50 ${ms(r.percentilesMs.p50)}  p90 ${ms(r.percentilesMs.p90)}  p99 ${ms(r.percentilesMs.p99)}  (${rate(r.requestsPerSecond)})`;
    lines.push(
      `(b) fixed ${LATENCY_MS} ms, wrk ${LATENCY_CONNECTIONS} connections, ${LATENCY_ROUNDS} interleaved rounds of ${LATENCY_SECONDS} s (load ${load()}):`,
    );
    for (let round = 0; round < LATENCY_ROUNDS; round += 1) {
      const m = mockRounds[round];
      const t = timeoutRounds[round];
      if (m) lines.push(`    round ${round + 1} mock server                       ${percentiles(m)}`);
      if (t) lines.push(`    round ${round + 1} plain node:http + setTimeout(${LATENCY_MS})   ${percentiles(t)}`);
    }
    const at = (rounds: readonly WrkFigures[], p: 'p50' | 'p99'): number => median(rounds.map((r) => r.percentilesMs[p]));
    const [mockP50, mockP99, timeoutP50, timeoutP99] = [
      at(mockRounds, 'p50'),
      at(mockRounds, 'p99'),
      at(timeoutRounds, 'p50'),
      at(timeoutRounds, 'p99'),
    ];
    checks.push({
      name: `p50 at ${LATENCY_MS} ms vs setTimeout (median of rounds)`,
      measured: `${ms(mockP50)} vs ${ms(timeoutP50)}`,
      target: '<= setTimeout + 0.3 ms',
      pass: mockP50 <= timeoutP50 + 0.3,
    });
    checks.push({
      name: `p99 at ${LATENCY_MS} ms vs setTimeout (median of rounds)`,
      measured: `${ms(mockP99)} vs ${ms(timeoutP99)}`,
      target: '<= setTimeout + 2 ms',
      pass: mockP99 <= timeoutP99 + 2,
    });
    checks.push({
      name: 'never early: mock p50 >= the configured latency',
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
      served = await cluster.served();
    } finally {
      await cluster.stop();
    }
    lines.push(
      `(c) --workers 2: ${rate(clustered.requestsPerSecond)} (one process: ${rate(bare)}); /__stats summed over both workers counted ` +
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

function ratioCheck(name: string, ratio: number): SelfBenchCheck {
  return { name, measured: ratio.toFixed(3), target: '>= 0.95', pass: ratio >= 0.95 };
}
