import { readFileSync } from 'node:fs';

/** Peak resident memory of the main process and of each worker process over one measured batch. */
export interface MemoryPeaks {
  readonly mainPeakRssBytes: number;
  /** One per worker process, in the order of their pids; empty for models without processes of their own. */
  readonly workersPeakRssBytes: readonly number[];
}

const SAMPLE_EVERY_MS = 25;

/** A process's resident set from /proc (Linux), read from outside so the worker does no work for it. */
function processRssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples RSS while a batch runs (start() before it, stop() after it), so memory means the measured batches
 * only: not the start-up, not the previous level. Worker processes are read through /proc; where that is not
 * available their own report (the lifetime peak) stands in.
 */
export class MemorySampler {
  readonly #pids: readonly number[];
  #main = 0;
  #workers: number[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(workerPids: readonly number[]) {
    this.#pids = workerPids;
  }

  start(): void {
    this.#main = 0;
    this.#workers = this.#pids.map(() => 0);
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), SAMPLE_EVERY_MS);
    this.#timer.unref();
  }

  /** `reported`: the workers' own figures, used for any worker /proc could not be read for. */
  stop(reported: readonly number[] = []): MemoryPeaks {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sample();
    const workers = this.#workers.map((peak, index) => (peak > 0 ? peak : (reported[index] ?? 0)));
    return { mainPeakRssBytes: this.#main, workersPeakRssBytes: workers.length > 0 ? workers : [...reported] };
  }

  #sample(): void {
    // rss() opens /proc/self/statm: out of file descriptors it throws EMFILE, which must not end the run.
    try {
      this.#main = Math.max(this.#main, process.memoryUsage.rss());
    } catch {
      // keep the peak seen so far
    }
    for (const [index, pid] of this.#pids.entries()) {
      this.#workers[index] = Math.max(this.#workers[index] ?? 0, processRssBytes(pid) ?? 0);
    }
  }
}
