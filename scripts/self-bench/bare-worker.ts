import type { Agent } from 'undici';
import { createAgent } from '../../runners/transports/undici-agent.ts';
import type { ClientConfig } from '../../runners/client-config.ts';
import { runBareLoop } from './bare-loop.ts';

export interface BareTask {
  readonly origin: string;
  /** The same client configuration the runner under comparison uses, so the Agents match. */
  readonly config: ClientConfig;
  readonly lanes: number;
  readonly requests: number;
  /** Sent with every request (one object for all). */
  readonly headers?: Record<string, string> | undefined;
}

let agent: Agent | undefined;

/** A plain piscina task: the bare loop on this thread's own Agent (kept across tasks, as a real pool would). */
export default async function bareTask(task: BareTask | null): Promise<void> {
  if (task === null) return;
  agent ??= createAgent({ origin: task.origin, config: task.config, connections: task.lanes, readBody: false });
  await runBareLoop(agent, task.origin, task.lanes, task.requests);
}
