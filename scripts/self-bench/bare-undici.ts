import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import type { ClientConfig } from '../../runners/client-config.ts';
import { countBytes } from '../../runners/transports/transport.ts';
import { createAgent } from '../../runners/transports/undici-agent.ts';

/**
 * The baseline a user would write by hand: `lanes` async loops calling undici.request on the same Agent
 * settings and reading each body the same way the harness does, and nothing else. Returns requests/s.
 */
export async function bareUndiciThroughput(origin: string, config: ClientConfig, lanes: number, requests: number): Promise<number> {
  const agent = createAgent({ origin, config, connections: lanes, readBody: false });
  const batch = async (): Promise<number> => {
    let started = 0;
    const begin = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (started < requests) {
          started += 1;
          const { body } = await request(`${origin}/`, { dispatcher: agent });
          await countBytes(body);
        }
      }),
    );
    return (requests / (performance.now() - begin)) * 1000;
  };
  try {
    await batch(); // warm the connections and the JIT, as tinybench's warm-up does for the harness
    const rates = [await batch(), await batch(), await batch()];
    return rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  } finally {
    await agent.close();
  }
}
