import { Agent } from 'undici';
import { split } from '../../common/even-split.ts';
import type { TransportOptions } from './transport.ts';

/**
 * The Agents one undici transport sends through. undici's Pool finds a free connection by scanning all of its
 * connections on every dispatch (twice when the one it picks becomes busy), so one Agent of 10,000 connections
 * spends ~40 µs per request before a byte is written. Past `connectionsPerAgent` the process's connections are
 * split evenly over several Agents, and each request takes, round robin, the next one with a connection free.
 */
export interface AgentShards {
  readonly agents: readonly Agent[];
  /** The index of the Agent for the next request; give it back when that request has ended. */
  take(): number;
  give(index: number): void;
  close(): Promise<void>;
}

/** One Agent: keep-alive, the run's pipelining and timeouts, `connections` to each origin. */
export function createAgent(options: TransportOptions, connections = options.connections): Agent {
  return new Agent({
    connections,
    pipelining: options.config.pipelining,
    keepAliveTimeout: options.config.keepAliveTimeoutMs,
    headersTimeout: options.config.headersTimeoutMs,
    bodyTimeout: options.config.bodyTimeoutMs,
  });
}

export function createAgentShards(options: TransportOptions): AgentShards {
  const shares = split(options.connections, Math.ceil(options.connections / options.config.connectionsPerAgent));
  const agents = shares.map((connections) => createAgent(options, connections));
  const close = async (): Promise<void> => {
    await Promise.all(agents.map((agent) => agent.close()));
  };
  if (agents.length === 1) return { agents, take: () => 0, give: () => undefined, close };
  // Requests each Agent holds without queueing: its connections times the pipelining depth.
  const capacity = Int32Array.from(shares, (connections) => connections * options.config.pipelining);
  const inFlight = new Int32Array(agents.length);
  let next = 0;
  return {
    agents,
    take() {
      let chosen = next;
      // While fewer than `connections` are in flight one has room; past that (a fixed --connections), the least busy.
      for (let step = 0; step < agents.length; step += 1) {
        const at = (next + step) % agents.length;
        if ((inFlight[at] as number) < (capacity[at] as number)) {
          chosen = at;
          break;
        }
        if ((inFlight[at] as number) - (capacity[at] as number) < (inFlight[chosen] as number) - (capacity[chosen] as number)) chosen = at;
      }
      next = (chosen + 1) % agents.length;
      inFlight[chosen] = (inFlight[chosen] as number) + 1;
      return chosen;
    },
    give(index) {
      inFlight[index] = (inFlight[index] as number) - 1;
    },
    close,
  };
}
