import { request, type Agent } from 'undici';
import { countBytes } from '../../runners/transports/transport.ts';

/**
 * The loop a user would write by hand: `lanes` async loops calling undici.request on one Agent and reading each
 * body, and nothing else. The same code runs on the main loop, in a piscina thread and in a forked child.
 * `headers`, when given, go with every request (one object for all: no cost per request).
 */
export async function runBareLoop(
  agent: Agent,
  origin: string,
  lanes: number,
  requests: number,
  headers?: Record<string, string>,
): Promise<void> {
  let started = 0;
  const url = `${origin}/`;
  const options = headers === undefined ? { dispatcher: agent } : { dispatcher: agent, headers };
  await Promise.all(
    Array.from({ length: Math.min(lanes, requests) }, async () => {
      while (started < requests) {
        started += 1;
        const { body } = await request(url, options);
        await countBytes(body);
      }
    }),
  );
}
