import { request, type Agent } from 'undici';
import { countBytes } from '../../runners/transports/transport.ts';

/**
 * The loop a user would write by hand: `lanes` async loops calling undici.request on one Agent and reading each
 * body, and nothing else. The same code runs on the main loop, in a piscina thread and in a forked child.
 */
export async function runBareLoop(agent: Agent, origin: string, lanes: number, requests: number): Promise<void> {
  let started = 0;
  const url = `${origin}/`;
  await Promise.all(
    Array.from({ length: Math.min(lanes, requests) }, async () => {
      while (started < requests) {
        started += 1;
        const { body } = await request(url, { dispatcher: agent });
        await countBytes(body);
      }
    }),
  );
}
