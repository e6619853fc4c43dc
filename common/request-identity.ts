/**
 * Which request of a workload this is, carried on every request so the mock server derives its latency and
 * faults from (seed, identity) rather than from arrival order: every model, level and run with one seed
 * meets the same sequence (common random numbers, DESIGN principle 8).
 *
 * Header `x-cb-request: <stream>.<iteration>.<index>.<attempt>`, each an integer in [0, 2^32):
 * - stream: `streamOf(scenarioId)`, the 32-bit FNV-1a hash of the scenario id;
 * - iteration: the batch (warm-up and measured iterations count alike, from 0);
 * - index: the request's index within the batch (open loop: its arrival number);
 * - attempt: 0 for the first try, 1 for the first retry, ...
 */
export type RequestIdentity = {
  readonly stream: number;
  readonly iteration: number;
  readonly index: number;
  readonly attempt: number;
};

/** Lower case, as node:http presents incoming header names. */
export const REQUEST_IDENTITY_HEADER = 'x-cb-request';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MAX_FIELD = 0xffffffff;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
// 4294967295 has 10 digits; more can only be out of range (or padding, which is not canonical).
const MAX_DIGITS = 10;

/** FNV-1a (32-bit) over the id's UTF-8 bytes. */
export function streamOf(scenarioId: string): number {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(scenarioId)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

export function formatRequestIdentity(id: RequestIdentity): string {
  return `${id.stream}.${id.iteration}.${id.index}.${id.attempt}`;
}

/** Four dot-separated decimal integers in [0, 2^32); anything else (missing, signs, spaces, extra parts) -> undefined. */
export function parseRequestIdentity(header: string | undefined): RequestIdentity | undefined {
  if (header === undefined) return undefined;
  const length = header.length;
  let stream = 0;
  let iteration = 0;
  let index = 0;
  let field = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const code = header.charCodeAt(i);
    if (code === DOT) {
      if (digits === 0 || value > MAX_FIELD) return undefined;
      if (field === 0) stream = value;
      else if (field === 1) iteration = value;
      else if (field === 2) index = value;
      else return undefined;
      field++;
      digits = 0;
      value = 0;
    } else if (code >= ZERO && code <= NINE) {
      if (++digits > MAX_DIGITS) return undefined;
      value = value * 10 + (code - ZERO);
    } else return undefined;
  }
  if (digits === 0 || field !== 3 || value > MAX_FIELD) return undefined;
  return { stream, iteration, index, attempt: value };
}
