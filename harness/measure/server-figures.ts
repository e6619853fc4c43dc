import { performance } from 'node:perf_hooks';
import { cpuSeconds } from '../../common/process-cpu.ts';
import type { MockServerProcess } from '../../mock-server/process.ts';
import type { ServerStatsSnapshot } from '../../mock-server/stats.ts';
import type { CompletedResult, ResultWarning } from '../../results/types.ts';
import { watchSteal } from './steal.ts';

/** A server lateness p99 above this (ms), or above this share of the mean latency, made part of a row's tail. */
const HOST_BOUND_MS = 1;
const HOST_BOUND_SHARE = 0.05;

/**
 * What the mock server did during a level's measured batches, read from outside the measured process: its own
 * lateness (from /__stats), the CPU its process used (/proc), and the host's steal time (/proc/stat).
 */
export class ServerWatch {
  readonly #server: MockServerProcess;
  #cpuBefore = Number.NaN;
  #startedAt = 0;
  #steal: (() => number | undefined) | undefined;

  constructor(server: MockServerProcess) {
    this.#server = server;
  }

  /** When the measured batches begin (after the server's stats were reset). */
  start(): void {
    this.#cpuBefore = cpuSeconds(this.#server.pid);
    this.#startedAt = performance.now();
    this.#steal = watchSteal();
  }

  /** The row's `server` figures, and a warning when the server's lateness made part of the row's tail. */
  finish(stats: ServerStatsSnapshot, meanLatencyMs: number): { server: CompletedResult['server']; warning: ResultWarning | undefined } {
    const elapsedS = (performance.now() - this.#startedAt) / 1000;
    const cpu = cpuSeconds(this.#server.pid) - this.#cpuBefore;
    const cpuCores = Number.isFinite(cpu) && elapsedS > 0 ? cpu / elapsedS : undefined;
    const stealShare = this.#steal?.();
    const lateness =
      stats.lateness.count > 0 ? { p50: stats.lateness.p50Ms, p99: stats.lateness.p99Ms, max: stats.lateness.maxMs } : undefined;
    const server = {
      maxInFlight: stats.maxInFlight,
      served: stats.served,
      ...(lateness === undefined ? {} : { latenessMs: lateness }),
      ...(cpuCores === undefined ? {} : { cpuCores }),
      ...(stealShare === undefined ? {} : { stealShare }),
    };
    const bound = Math.max(HOST_BOUND_MS, HOST_BOUND_SHARE * meanLatencyMs);
    if (lateness === undefined || lateness.p99 <= bound) return { server, warning: undefined };
    return {
      server,
      warning: {
        kind: 'host-bound-tail',
        message: `its answers went out up to ${lateness.p99.toFixed(1)} ms late at p99, over the ${bound.toFixed(1)} ms a punctual server allows at this latency`,
      },
    };
  }
}
