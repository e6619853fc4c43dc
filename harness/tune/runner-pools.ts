import type { RunnerId } from '../../runners/types.ts';
import { type HostedModel, ModelHosts } from '../bench/model-hosts.ts';

/**
 * tune's model hosts, one at a time: a fresh one for each runner and pool size (a pool's size is fixed when its
 * host starts), kept warm while the sweep stays on it.
 */
export class RunnerPools {
  readonly #hosts = new ModelHosts({ poolSize: () => 1 });
  #current: string | undefined;

  async get(id: RunnerId, poolSize: number): Promise<HostedModel> {
    const key = `${id}/${poolSize}`;
    if (this.#current !== key) await this.#hosts.releaseAll();
    this.#current = key;
    return this.#hosts.get(id, { poolSize });
  }

  stopAll(): Promise<void> {
    this.#current = undefined;
    return this.#hosts.releaseAll();
  }
}
