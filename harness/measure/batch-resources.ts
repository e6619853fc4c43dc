import { cpuSeconds } from '../../common/process-cpu.ts';
import type { HostedBatch, ModelHost } from '../../runners/host/model-host.ts';
import type { ProcessUsage } from '../../runners/outcome.ts';
import { measuredOutcome } from './measured-outcome.ts';
import { MemorySampler, type MemoryPeaks } from './memory-sampler.ts';
import type { Sample } from './summarise.ts';

const NO_PEAKS: MemoryPeaks = { mainPeakRssBytes: 0, workersPeakRssBytes: [] };

/**
 * What one batch cost the model host's process tree, read by the orchestrator from outside: RSS sampled from /proc
 * while the batch runs, and CPU from the processes' own reports (microseconds), or from /proc's 10 ms ticks for a
 * process that reported none.
 */
export class BatchResources {
  readonly #pids: readonly number[];
  readonly #memory: MemorySampler;
  #cpuBefore = new Map<number, number>();
  #sampling = false;

  constructor(host: ModelHost) {
    this.#pids = [host.pid, ...host.workerPids];
    this.#memory = new MemorySampler(host.pid, host.workerPids);
  }

  currentRssBytes(): number {
    return this.#memory.currentTotalBytes();
  }

  /** Just before a batch is sent; memory is sampled only for measured batches. */
  start(measuring: boolean): void {
    this.#cpuBefore = new Map(this.#pids.map((pid) => [pid, cpuSeconds(pid)]));
    this.#sampling = measuring;
    if (measuring) this.#memory.start();
  }

  stop(hosted: HostedBatch, iteration: number): Sample {
    const reported = hosted.outcome.processes;
    const peaks = new Map(reported.map((usage) => [usage.pid, usage.maxRssBytes]));
    const memory = this.#sampling ? this.#memory.stop(peaks) : NO_PEAKS;
    this.#sampling = false;
    const unreported = this.#pids.filter((pid) => !reported.some((usage) => usage.pid === pid)).map((pid) => this.#fromProc(pid));
    const loops = hosted.outcome.loopUtilization;
    return {
      iteration,
      outcome: measuredOutcome({ ...hosted.outcome, processes: [...reported, ...unreported] }),
      wallMs: hosted.wallMs,
      memory,
      mainLoopUtilization: hosted.hostLoopUtilization ?? (loops.length > 0 ? Math.max(...loops) : undefined),
    };
  }

  #fromProc(pid: number): ProcessUsage {
    const used = cpuSeconds(pid) - (this.#cpuBefore.get(pid) ?? Number.NaN);
    const cpuUs = Number.isFinite(used) ? Math.max(0, used) * 1e6 : 0;
    return { pid, cpuUserUs: cpuUs, cpuSystemUs: 0, maxRssBytes: 0 };
  }
}
