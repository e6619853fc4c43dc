import type { RequestIdentity } from '../common/request-identity.ts';

/** Domains of the per-request draws: separate seeds, so a fault rate never shifts a latency (and vice versa). */
export const LATENCY_DOMAIN = 0x4c41_5443;
export const FAULT_DOMAIN = 0x4641_5554;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * The 32-bit seed of one request's draws in one domain: MurmurHash3 (x86, 32-bit) of the words
 * [domain, stream, iteration, index, attempt] with the profile's seed as its seed. A counter-based
 * derivation: the same (seed, identity) always gives the same seed, whatever order requests arrive in.
 */
export function requestSeed(seed: number, domain: number, id: RequestIdentity): number {
  let h = seed | 0;
  h = mixWord(h, domain);
  h = mixWord(h, id.stream);
  h = mixWord(h, id.iteration);
  h = mixWord(h, id.index);
  h = mixWord(h, id.attempt);
  h ^= 20;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32 (as random.ts) whose state can be set again: one per Behaviour, reseeded per request, no closure per request. */
export class ReseedableRandom {
  #state = 0;
  /** Bound once, so samplers built on it call a plain function. */
  readonly next = (): number => {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  seed(seed: number): void {
    this.#state = seed >>> 0;
  }
}

/** The first mulberry32 draw from `seed`: one uniform [0, 1) per request without any state. */
export function firstDraw(seed: number): number {
  let t = (seed + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
