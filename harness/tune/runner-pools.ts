import type { RunnerId } from '../../runners/types.ts';
import { RunnerSet, type StartedRunner } from '../runner-set.ts';

/**
 * The pool size of a Runner is fixed when it is created, so a pool-size sweep needs one RunnerSet per size.
 * Each pool starts on first use and stays warm until its runner's sweep is over.
 */
export class RunnerPools {
  readonly #sets = new Map<number, RunnerSet>();

  get(id: RunnerId, poolSize: number): Promise<StartedRunner> {
    let set = this.#sets.get(poolSize);
    if (!set) {
      set = new RunnerSet(() => poolSize);
      this.#sets.set(poolSize, set);
    }
    return set.get(id);
  }

  async stopAll(): Promise<void> {
    const sets = [...this.#sets.values()];
    this.#sets.clear();
    await Promise.all(sets.map((set) => set.stopAll()));
  }
}
