import { performance } from 'node:perf_hooks';
import jStat from 'jstat';
import { UsageError } from '../../common/usage-error.ts';
import { clientConfigSchema } from '../../runners/client-config.ts';
import { createHttpClient } from '../../runners/http-client.ts';
import type { TargetRun } from '../target/types.ts';
import type { LatencyProbe } from '../../results/tune-types.ts';

const PROBE_DEFAULTS = {
  /** Timed requests at most, one after another: their median holds when a busy host delays a few of them. */
  requests: 20,
  /** Enough to stop at once the time below is spent: a slow service is probed briefly. */
  minRequests: 3,
  timeMs: 2_000,
  /** A request with no answer for this long fails (the service may hang): the probe ends within about this time. */
  timeoutMs: 10_000,
} as const;

/**
 * Times a few requests to the --target one after another from the client, before any sweep: a foreign service sends
 * no Server-Timing, so this is tune's only latency without queueing of its own. One untimed request opens the
 * connection first. A service that answers none of them is bad input (one line, exit 2): nothing was measured yet.
 */
export async function probeLatency(target: TargetRun, settings = PROBE_DEFAULTS): Promise<LatencyProbe> {
  const config = clientConfigSchema.parse({ headersTimeoutMs: settings.timeoutMs, bodyTimeoutMs: settings.timeoutMs });
  const client = createHttpClient({ origin: target.origin, config, inFlight: 1, readBody: false, request: target.request });
  const latenciesMs: number[] = [];
  let failure: string | undefined;
  const describe = (response: { readonly status: number; readonly errorKind: string | undefined }): string =>
    response.status > 0 ? `HTTP ${response.status}` : (response.errorKind ?? 'no answer');
  try {
    const opened = await client.get(target.path);
    if (opened.errorKind !== undefined) failure = describe(opened);
    const began = performance.now();
    for (let sent = 0; failure === undefined && sent < settings.requests; sent += 1) {
      const elapsed = performance.now() - began;
      if (elapsed >= settings.timeoutMs || (latenciesMs.length >= settings.minRequests && elapsed >= settings.timeMs)) break;
      const start = performance.now();
      const response = await client.get(target.path);
      // A stray failure among answers is the service's error rate, which the sweep measures: the probe times the answers.
      if (response.errorKind === undefined) latenciesMs.push(performance.now() - start);
      else if (latenciesMs.length === 0 && sent + 1 >= settings.minRequests) failure = describe(response);
    }
  } finally {
    await client.close();
  }
  if (failure !== undefined || latenciesMs.length === 0) {
    throw new UsageError(
      `Expected \`--target\` to answer tune's latency probe with 2xx, got \`${failure ?? 'no answer'}\` from ${target.record.method} ${target.record.url}`,
    );
  }
  return {
    requests: latenciesMs.length,
    medianMs: jStat.median(latenciesMs),
    meanMs: jStat.mean(latenciesMs),
    minMs: Math.min(...latenciesMs),
    maxMs: Math.max(...latenciesMs),
  };
}
