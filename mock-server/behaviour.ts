import { latencySampler } from './distributions.ts';
import { PAYLOAD_KINDS, resolveServerProfile, type PayloadKind, type ResolvedProfile, type ServerProfile } from './profile.ts';
import { seededRandom, type Random } from './random.ts';

export interface MockRequest {
  readonly path: string;
  readonly query: URLSearchParams;
}

export const FAULTS = ['error', 'reset', 'stall'] as const;
/** error: answered 500; reset: the connection is reset instead of answered; stall: never answered. */
export type Fault = (typeof FAULTS)[number];

export interface Decision {
  /** Time from getting a capacity slot to the headers. */
  readonly latencyMs: number;
  readonly status: number;
  readonly fault: Fault | undefined;
  readonly payload: PayloadKind;
  readonly bodyBytes: number;
  readonly bodyBytesPerSecond: number | undefined;
  readonly firstByteDelayMs: number;
}

const MAX_QUERY_BYTES = 256 * 1024 * 1024;
const MAX_QUERY_LATENCY_MS = 600_000;
// A separate stream for faults keeps the latency sequence of a seed the same whatever the fault rates.
const FAULT_STREAM = 0x9e3779b9;

/**
 * The one behaviour model: profile + request -> what to answer and when. Pure apart from its seeded
 * sequences, so both adapters (node:http, msw) answer alike and the same seed gives the same sequence.
 * Per-request query overrides: latency (ms), size (bytes), status, fault (error|reset|stall|none), payload.
 */
export class Behaviour {
  readonly profile: ResolvedProfile;
  readonly #latency: () => number;
  readonly #latencyRandom: Random;
  readonly #faultRandom: Random;

  constructor(profile: ServerProfile | ResolvedProfile) {
    this.profile = 'latency' in profile ? profile : resolveServerProfile(profile);
    this.#latencyRandom = seededRandom(this.profile.seed);
    this.#faultRandom = seededRandom((this.profile.seed ^ FAULT_STREAM) >>> 0);
    this.#latency = latencySampler(this.profile.latency, this.#latencyRandom);
  }

  decide(request: MockRequest): Decision {
    const { query } = request;
    const profile = this.profile;
    if (query.size === 0) return this.#fromProfile();
    const latencyOverride = numberParam(query, 'latency', MAX_QUERY_LATENCY_MS);
    const statusOverride = numberParam(query, 'status', 599);
    const faultOverride = faultParam(query);
    const fault = faultOverride === 'none' ? undefined : (faultOverride ?? (statusOverride === undefined ? this.#drawFault() : undefined));
    return {
      latencyMs: latencyOverride ?? this.#drawLatency(),
      status: fault === 'error' ? 500 : statusOverride !== undefined && statusOverride >= 200 ? Math.floor(statusOverride) : 200,
      fault,
      payload: payloadParam(query) ?? profile.payload,
      bodyBytes: Math.floor(numberParam(query, 'size', MAX_QUERY_BYTES) ?? profile.bodyBytes),
      bodyBytesPerSecond: profile.bodyBytesPerSecond,
      firstByteDelayMs: profile.firstByteDelayMs,
    };
  }

  #fromProfile(): Decision {
    const profile = this.profile;
    const fault = this.#drawFault();
    return {
      latencyMs: this.#drawLatency(),
      status: fault === 'error' ? 500 : 200,
      fault,
      payload: profile.payload,
      bodyBytes: profile.bodyBytes,
      bodyBytesPerSecond: profile.bodyBytesPerSecond,
      firstByteDelayMs: profile.firstByteDelayMs,
    };
  }

  #drawLatency(): number {
    const jitter = this.profile.jitterMs > 0 ? this.#latencyRandom() * this.profile.jitterMs : 0;
    return this.#latency() + jitter;
  }

  #drawFault(): Fault | undefined {
    const { error, reset, stall } = this.profile.faults;
    if (error + reset + stall === 0) return undefined;
    const draw = this.#faultRandom();
    if (draw < error) return 'error';
    if (draw < error + reset) return 'reset';
    if (draw < error + reset + stall) return 'stall';
    return undefined;
  }
}

function numberParam(query: URLSearchParams, name: string, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, max) : undefined;
}

function faultParam(query: URLSearchParams): Fault | 'none' | undefined {
  const raw = query.get('fault');
  return raw === 'none' ? 'none' : FAULTS.find((fault) => fault === raw);
}

function payloadParam(query: URLSearchParams): PayloadKind | undefined {
  const raw = query.get('payload');
  return PAYLOAD_KINDS.find((kind) => kind === raw);
}
