import type { LimiterId } from '../../runners/limiters/types.ts';
import { startModelHost, type HostOptions, type ModelHost } from '../../runners/host/model-host.ts';
import { runnerDescriptor, type RunnerDescriptor } from '../../runners/registry.ts';
import type { RunnerLayout } from '../../runners/types.ts';

/** A model running in its host, with what the orchestrator needs to describe its levels. */
export interface HostedModel {
  readonly descriptor: RunnerDescriptor;
  readonly poolSize: number;
  readonly host: ModelHost;
  layout(concurrency: number): RunnerLayout;
}

/** Which host: a runner, with a limiter (each its own host) and a pool size where the default will not do. */
export interface HostChoice {
  readonly limiter?: LimiterId | undefined;
  readonly poolSize?: number | undefined;
}

export interface ModelHostsOptions extends HostOptions {
  /** Threads or processes for the runner's pool (its descriptor's poolSetting). */
  poolSize(descriptor: RunnerDescriptor): number;
}

/**
 * The model hosts of a run. A host is started fresh for each scenario, model and limiter, so no figure depends on
 * what ran before it, and ended when its last level is done; a level that fails releases its host, and the next
 * level starts a fresh one. Hosts may be started together (while nothing is measured): an idle host costs the
 * measured one nothing but memory in another process.
 */
export class ModelHosts {
  readonly #options: ModelHostsOptions;
  readonly #hosts = new Map<string, Promise<HostedModel>>();

  constructor(options: ModelHostsOptions) {
    this.#options = options;
  }

  #key(runner: string, choice: HostChoice): { readonly key: string; readonly descriptor: RunnerDescriptor; readonly poolSize: number } {
    const descriptor = runnerDescriptor(runner);
    const poolSize = choice.poolSize ?? this.#options.poolSize(descriptor);
    return { key: `${runner}/${choice.limiter ?? ''}/${poolSize}`, descriptor, poolSize };
  }

  /** The host of `runner` with this choice, started now if it is not running. */
  get(runner: string, choice: HostChoice = {}): Promise<HostedModel> {
    const { key, descriptor, poolSize } = this.#key(runner, choice);
    let started = this.#hosts.get(key);
    if (!started) {
      started = this.#start(descriptor, poolSize);
      this.#hosts.set(key, started);
      // A failed start is the caller's to report; the next get tries again.
      const failed = started;
      failed.catch(() => {
        if (this.#hosts.get(key) === failed) this.#hosts.delete(key);
      });
    }
    return started;
  }

  async #start(descriptor: RunnerDescriptor, poolSize: number): Promise<HostedModel> {
    const host = await startModelHost(descriptor, poolSize, this.#options);
    return { descriptor, poolSize, host, layout: (concurrency) => descriptor.layout(concurrency, poolSize) };
  }

  /** Ends one host: its model is done in this scenario, or its level failed. */
  async release(runner: string, choice: HostChoice = {}): Promise<void> {
    const { key } = this.#key(runner, choice);
    const started = this.#hosts.get(key);
    this.#hosts.delete(key);
    const model = await started?.catch(() => undefined);
    await model?.host.stop();
  }

  /** Ends every host. */
  async releaseAll(): Promise<void> {
    const all = [...this.#hosts.values()];
    this.#hosts.clear();
    await Promise.all(all.map(async (started) => (await started.catch(() => undefined))?.host.stop()));
  }
}
