import { Agent } from 'undici';
import type { TransportOptions } from './transport.ts';

/** The Agent both undici transports share: sized to the process's connections, keep-alive, the run's timeouts. */
export function createAgent(options: TransportOptions): Agent {
  return new Agent({
    connections: options.connections,
    pipelining: options.config.pipelining,
    keepAliveTimeout: options.config.keepAliveTimeoutMs,
    headersTimeout: options.config.headersTimeoutMs,
    bodyTimeout: options.config.bodyTimeoutMs,
  });
}
