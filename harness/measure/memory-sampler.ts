import { readFileSync } from 'node:fs';

/** Peak resident memory of the model host and of each worker process over one measured batch. */
export interface MemoryPeaks {
  readonly mainPeakRssBytes: number;
  /** One per worker process, in the order of their pids; empty for models without processes of their own. */
  readonly workersPeakRssBytes: readonly number[];
}

const SAMPLE_EVERY_MS = 25;

/** A process's resident set from /proc (Linux), read from outside so the measured process does no work for it. */
function processRssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples the RSS of a model host and its worker processes from the orchestrator while a batch runs (start()
 * before it, stop() after it), so memory means the measured batches only. Where /proc cannot be read, the
 * processes' own reports (their lifetime peaks) stand in.
 */
export class MemorySampler {
  readonly #mainPid: number;
  readonly #pids: readonly number[];
  #main = 0;
  #workers: number[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(mainPid: number, workerPids: readonly number[]) {
    this.#mainPid = mainPid;
    this.#pids = workerPids;
  }

  /** The host's and its workers' RSS right now, summed (0 where /proc cannot be read). */
  currentTotalBytes(): number {
    return [this.#mainPid, ...this.#pids].reduce((sum, pid) => sum + (processRssBytes(pid) ?? 0), 0);
  }

  start(): void {
    this.#main = 0;
    this.#workers = this.#pids.map(() => 0);
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), SAMPLE_EVERY_MS);
    this.#timer.unref();
  }

  /** `reported`: the processes' own peaks by pid, used for any process /proc could not be read for. */
  stop(reported: ReadonlyMap<number, number> = new Map()): MemoryPeaks {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sample();
    const or = (peak: number, pid: number): number => (peak > 0 ? peak : (reported.get(pid) ?? 0));
    return {
      mainPeakRssBytes: or(this.#main, this.#mainPid),
      workersPeakRssBytes: this.#workers.map((peak, index) => or(peak, this.#pids[index] ?? -1)),
    };
  }

  #sample(): void {
    this.#main = Math.max(this.#main, processRssBytes(this.#mainPid) ?? 0);
    for (const [index, pid] of this.#pids.entries()) {
      this.#workers[index] = Math.max(this.#workers[index] ?? 0, processRssBytes(pid) ?? 0);
    }
  }
}
