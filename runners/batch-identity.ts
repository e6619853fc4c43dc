import { REQUEST_IDENTITY_HEADER } from '../common/request-identity.ts';

export { REQUEST_IDENTITY_HEADER };

/**
 * What every request of one batch shares in its identity, built once per batch so a request's header costs
 * one string concatenation: `${prefix}${index}.${attempt}` is formatRequestIdentity's `stream.iteration.index.attempt`.
 */
export interface BatchIdentity {
  readonly seed: number;
  readonly stream: number;
  readonly iteration: number;
  readonly prefix: string;
}

export function batchIdentity(seed: number, stream: number, iteration: number): BatchIdentity {
  return { seed, stream, iteration, prefix: `${stream}.${iteration}.` };
}

export function identityHeader(batch: BatchIdentity, index: number, attempt: number): string {
  return `${batch.prefix}${index}.${attempt}`;
}
