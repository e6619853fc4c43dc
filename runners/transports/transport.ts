import type { ClientConfig } from '../client-config.ts';

/** One HTTP exchange as every transport reports it. Transports throw on network errors, with a `code`. */
export interface TransportResponse {
  readonly status: number;
  readonly bytes: number;
  /** Decoded body, only when the CPU work needs it. */
  readonly body: string | undefined;
  readonly retryAfter: string | undefined;
  readonly serverTiming: string | undefined;
}

export interface Transport {
  send(path: string): Promise<TransportResponse>;
  close(): Promise<void>;
}

export interface TransportOptions {
  readonly origin: string;
  readonly config: ClientConfig;
  readonly connections: number;
  readonly readBody: boolean;
}

export type TransportFactory = (options: TransportOptions) => Transport;

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
