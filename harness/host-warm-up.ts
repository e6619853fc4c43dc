import { performance } from 'node:perf_hooks';
import { streamOf } from '../common/request-identity.ts';
import type { ScenarioPlan } from '../scenarios/resolve.ts';
import { levelBatches, type LevelJob } from './measure-runner.ts';
import type { HostedModel } from './model-hosts.ts';

/**
 * How long a fresh host is driven before its first measured level. In a new Node process, undici's HTTP parser
 * (llhttp, WebAssembly) is tiered up by V8 in the background during roughly the first half second of requests,
 * holding ~35 MiB while it compiles, and the request path's JavaScript is optimised over the same time: measured
 * before that, a batch pays the process's start, not the model.
 */
export const HOST_WARM_UP_MS = 700;
const MIN_BATCHES = 2;
const MAX_BATCHES = 40;

/** Warm-up requests carry identities of a stream of their own, so the measured batches' identities are untouched. */
export function warmUpStream(scenarioId: string): number {
  return streamOf(`${scenarioId}#host-warm-up`);
}

/**
 * Drives a fresh model host with batches of its first level (their own identities) for HOST_WARM_UP_MS: its code
 * paths, its connections, and the mock server's with them. Nothing of it is measured.
 */
export async function warmUpHost(model: HostedModel, job: LevelJob, plan: ScenarioPlan, signal: AbortSignal): Promise<void> {
  const batchAt = levelBatches(job, plan, warmUpStream(plan.id));
  const begin = performance.now();
  for (let batch = 0; batch < MAX_BATCHES && !signal.aborted; batch += 1) {
    await model.host.runBatch(batchAt(batch));
    if (batch + 1 >= MIN_BATCHES && performance.now() - begin >= HOST_WARM_UP_MS) return;
  }
}
