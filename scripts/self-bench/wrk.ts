import { execFile, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface WrkFigures {
  /** Answers per second, of any status. */
  readonly requestsPerSecond: number;
  /** 2xx/3xx answers per second: only those count as served, so fast error answers cannot raise a rate. */
  readonly servedPerSecond: number;
  /** Answers of any status. */
  readonly total: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers. */
  readonly errors: number;
  /** p50, p75, p90, p99 in ms (from --latency). */
  readonly percentilesMs: { readonly p50: number; readonly p75: number; readonly p90: number; readonly p99: number };
}

function installed(command: string, args: readonly string[]): boolean {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  return probe.error === undefined;
}

/** wrk (a C load generator: its own cost hardly moves the figures) when installed; `bash scripts/setup-system.sh` adds it. */
export const WRK_AVAILABLE = installed('wrk', ['--version']);
/** Load generator and server on different cores, when there are two and taskset exists. */
export const PINNING = availableParallelism() >= 2 && installed('taskset', ['-V']);
const CLIENT_CORE = 0;
const SERVER_CORE = 1;

/** Pins every thread of a process (the clock thread too) to the server's core. */
export function pinServer(pid: number): void {
  if (PINNING) spawnSync('taskset', ['-a', '-pc', String(SERVER_CORE), String(pid)], { stdio: 'ignore' });
}

/** Pins every thread of a client process to the other core. */
export function pinClient(pid: number): void {
  if (PINNING) spawnSync('taskset', ['-a', '-pc', String(CLIENT_CORE), String(pid)], { stdio: 'ignore' });
}

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  return match ? Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN) : Number.NaN;
}

/** Reads wrk's report: "Requests/sec:", "N requests in", the --latency percentiles and the error lines. */
function parseWrk(output: string): WrkFigures {
  const percentile = (p: number): number => durationMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)?.[1]);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const total = Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN);
  return {
    requestsPerSecond,
    servedPerSecond: total > 0 ? (requestsPerSecond * (total - non2xx)) / total : 0,
    total,
    errors: socketErrors + non2xx,
    percentilesMs: { p50: percentile(50), p75: percentile(75), p90: percentile(90), p99: percentile(99) },
  };
}

/** One wrk run: one thread, `connections` keep-alive connections, `seconds` long, on the client's core. */
export function wrk(url: string, connections: number, seconds: number, headers: readonly string[] = []): Promise<WrkFigures> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...headers.flatMap((header) => ['-H', header]), url];
  const [command, commandArgs] = PINNING ? ['taskset', ['-c', String(CLIENT_CORE), 'wrk', ...args]] : ['wrk', args];
  return new Promise((resolve, reject) => {
    execFile(command, commandArgs, { timeout: (seconds + 30) * 1000 }, (error, stdout) => {
      if (error) reject(new Error(`wrk failed: ${error.message}`));
      else resolve(parseWrk(stdout));
    });
  });
}
