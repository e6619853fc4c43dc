import { performance } from 'node:perf_hooks';
import { runners } from '../runners/registry.ts';
import type { Runner, RunnerId } from '../runners/types.ts';

const DISCARD_STOP_MS = 10_000;

async function stopWithin(runner: Runner, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([runner.stop().catch(() => undefined), bound]);
  clearTimeout(timer);
}

export interface StartedRunner {
  readonly runner: Runner;
  /** Time to bring the pool up, measured once and reported apart from the steady state. */
  readonly startupMs: number;
}

/**
 * Pools whose threads live in the main process: while one is up, its idle threads' memory would be counted in
 * every other model's main-process RSS, so it is stopped whenever another runner is measured (and started again,
 * its start-up timed anew, when it is next needed).
 */
const IN_MAIN_PROCESS_POOLS: readonly RunnerId[] = ['worker-threads'];

/**
 * The runners of one run: each started on first use and kept warm across scenarios and levels (except a thread
 * pool while another model is measured, see above), all stopped at the end.
 */
export class RunnerSet {
  readonly #started = new Map<RunnerId, Promise<StartedRunner>>();
  readonly #poolSize: (id: RunnerId) => number;

  constructor(poolSize: (id: RunnerId) => number) {
    this.#poolSize = poolSize;
  }

  async get(id: RunnerId): Promise<StartedRunner> {
    for (const other of IN_MAIN_PROCESS_POOLS) if (other !== id && this.#started.has(other)) await this.discard(other);
    let started = this.#started.get(id);
    if (!started) {
      started = this.#start(id);
      this.#started.set(id, started);
    }
    return started;
  }

  async #start(id: RunnerId): Promise<StartedRunner> {
    const runner = runners[id]({ poolSize: this.#poolSize(id) });
    const begin = performance.now();
    try {
      await runner.start();
    } catch (error) {
      await runner.stop();
      throw error;
    }
    return { runner, startupMs: performance.now() - begin };
  }

  /**
   * Stops a runner whose level failed (a dead child, a thrown worker, a hang) and forgets it: its next use
   * starts a fresh pool. A pool that will not stop within the bound is left to the run's final cleanup.
   */
  async discard(id: RunnerId): Promise<void> {
    const started = this.#started.get(id);
    this.#started.delete(id);
    const runner = (await started?.catch(() => undefined))?.runner;
    if (runner) await stopWithin(runner, DISCARD_STOP_MS);
  }

  async stopAll(): Promise<void> {
    const started = [...this.#started.values()];
    this.#started.clear();
    await Promise.all(started.map(async (entry) => (await entry.catch(() => undefined))?.runner.stop()));
  }
}
