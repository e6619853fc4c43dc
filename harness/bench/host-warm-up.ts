import { performance } from 'node:perf_hooks';
import { streamOf } from '../../common/request-identity.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { levelBatches, type LevelPlan } from '../measure/measure-runner.ts';
import type { HostedModel } from './model-hosts.ts';

/**
 * How long a fresh host is driven before its first measured level, and on how many requests. In a new Node process,
 * undici's HTTP parser (llhttp, WebAssembly) is tiered up by V8 in the background during roughly the first half second
 * of requests, holding ~35 MiB while it compiles; and the request path's JavaScript is optimised over the first
 * couple of thousand requests: a fresh host at 40 in flight and 16 ms took 294, 217, 191, 185, 177, 165 and 160 ms
 * for its first batches of 320, then held 150-160. Warmed at its highest level, a host then runs its lower levels at
 * once at their steady pace; warmed at a lower one, its higher level still paid four slow batches.
 */
const HOST_WARM_UP_MS = 700;
const WARM_UP_REQUESTS = 2_000;
const WARM_UP_MAX_MS = 1_500;
const MIN_BATCHES = 2;
const MAX_BATCHES = 40;

/** Warm-up requests carry identities of a stream of their own, so the measured batches' identities are untouched. */
function warmUpStream(scenarioId: string): number {
  return streamOf(`${scenarioId}#host-warm-up`);
}

/**
 * Drives a fresh model host with batches of its highest level (their own identities): for at least HOST_WARM_UP_MS,
 * then until it has sent WARM_UP_REQUESTS or WARM_UP_MAX_MS have passed. Its code paths, its connections, and the
 * mock server's with them. Nothing of it is measured.
 */
export async function warmUpHost(model: HostedModel, levelPlan: LevelPlan, plan: ScenarioPlan, signal: AbortSignal): Promise<void> {
  const batchAt = levelBatches(levelPlan, plan, warmUpStream(plan.id));
  const begin = performance.now();
  let sent = 0;
  for (let batch = 0; batch < MAX_BATCHES && !signal.aborted; batch += 1) {
    await model.host.runBatch(batchAt(batch));
    sent += levelPlan.requests;
    const elapsed = performance.now() - begin;
    if (batch + 1 < MIN_BATCHES || elapsed < HOST_WARM_UP_MS) continue;
    if (sent >= WARM_UP_REQUESTS || elapsed >= WARM_UP_MAX_MS) return;
  }
}
