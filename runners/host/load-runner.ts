import type { NodeHostSpec } from '../descriptor.ts';
import { runnerDescriptor } from '../registry.ts';
import type { Runner, RunnerOptions } from '../types.ts';

/** Creates a Node runner: imports the module its host spec names and calls the factory (what a model host does). */
export async function loadNodeRunner(host: NodeHostSpec, options: RunnerOptions): Promise<Runner> {
  const loaded: Record<string, unknown> = await import(host.module);
  const factory = loaded[host.factory];
  if (typeof factory !== 'function') throw new Error(`${host.module} has no runner factory '${host.factory}'`);
  const runner: unknown = factory(options);
  if (!isRunner(runner)) throw new Error(`${host.factory} of ${host.module} did not return a runner`);
  return runner;
}

/** A registered Node runner, created in this process: for tests and bench:self, which drive a model directly. */
export function createNodeRunner(id: string, options: RunnerOptions): Promise<Runner> {
  const { host } = runnerDescriptor(id);
  if (host.kind !== 'node') throw new Error(`${id} is not a Node runner (its host is ${host.kind})`);
  return loadNodeRunner(host, options);
}

function isRunner(value: unknown): value is Runner {
  if (typeof value !== 'object' || value === null) return false;
  return ['start', 'runBatch', 'workerPids', 'stop'].every((key) => typeof Reflect.get(value, key) === 'function');
}
