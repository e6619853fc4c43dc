import { performance } from 'node:perf_hooks';
import type { ClientConfig } from '../../runners/client-config.ts';
import { runBareLoop } from './bare-loop.ts';
import { createAgent } from '../../runners/transports/undici-agent.ts';

export interface BareLoop {
  /** Runs `requests` requests and returns requests/s. */
  batch(requests: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The baseline a user would write by hand: `lanes` async loops calling undici.request on the same Agent
 * settings and reading each body the same way the harness does, and nothing else.
 */
export async function bareUndiciLoop(
  origin: string,
  config: ClientConfig,
  lanes: number,
  headers?: Record<string, string>,
): Promise<BareLoop> {
  const agent = createAgent({ origin, config, connections: lanes, readBody: false });
  return {
    async batch(requests) {
      const begin = performance.now();
      await runBareLoop(agent, origin, lanes, requests, headers);
      return (requests / (performance.now() - begin)) * 1000;
    },
    close: () => agent.close(),
  };
}
