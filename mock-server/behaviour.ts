import { slowedServiceMs } from './coherency.ts';
import { latencySampler } from './distributions.ts';
import {
  PAYLOAD_KINDS,
  resolveServerProfile,
  type PayloadKind,
  type ResolvedPhase,
  type ResolvedProfile,
  type ServerProfile,
} from './profile.ts';
import { seededRandom, type Random } from './random.ts';
import { FAULT_DOMAIN, firstDraw, LATENCY_DOMAIN, requestSeed, ReseedableRandom } from './request-seed.ts';
import type { RequestIdentity } from '../common/request-identity.ts';

export interface MockRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  /** From the `x-cb-request` header: the draws then come from (seed, identity), not from arrival order. */
  readonly identity?: RequestIdentity | undefined;
}

export const FAULTS = ['error', 'reset', 'stall'] as const;
/** error: answered 500; reset: the connection is reset instead of answered; stall: never answered. */
export type Fault = (typeof FAULTS)[number];

export interface Decision {
  /** Time from getting a capacity slot to the headers, before the slowdown (see Behaviour.serviceMs). */
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
const NO_QUERY = new URLSearchParams();

/** One phase's draws: from the request's own seed (identity) or from the arrival-order stream. */
interface PhaseModel {
  readonly faults: ResolvedPhase['faults'];
  readonly identityLatency: () => number;
  readonly streamLatency: () => number;
}

/**
 * The one behaviour model: profile + request -> what to answer and when. Pure apart from its arrival-order
 * stream, so both adapters (node:http, msw) answer alike. A request with an identity gets its latency and
 * fault from (seed, identity) alone (see request-seed.ts): every model, order and level meets the same
 * decisions. One without draws from the seeded stream in arrival order (any client can still use the server).
 * Per-request query overrides: latency (ms), size (bytes), status, fault (error|reset|stall|none), payload.
 */
export class Behaviour {
  readonly profile: ResolvedProfile;
  readonly #models: readonly PhaseModel[];
  readonly #identityRandom = new ReseedableRandom();
  readonly #latencyRandom: Random;
  readonly #faultRandom: Random;
  /** Phases that begin at a request index, as [phase number, afterRequests], last first. */
  readonly #indexPhases: readonly (readonly [number, number])[];

  constructor(profile: ServerProfile | ResolvedProfile) {
    this.profile = 'latency' in profile ? profile : resolveServerProfile(profile);
    const streamSeed = (this.profile.seed + this.profile.workerIndex) >>> 0;
    this.#latencyRandom = seededRandom(streamSeed);
    this.#faultRandom = seededRandom((streamSeed ^ FAULT_STREAM) >>> 0);
    const base: Pick<ResolvedPhase, 'latency' | 'faults'> = this.profile;
    this.#models = [base, ...this.profile.phases].map((phase) => ({
      faults: phase.faults,
      identityLatency: latencySampler(phase.latency, this.#identityRandom.next),
      streamLatency: latencySampler(phase.latency, this.#latencyRandom),
    }));
    this.#indexPhases = this.profile.phases
      .map((phase, index) => [index + 1, phase.afterRequests] as const)
      .filter((entry): entry is readonly [number, number] => entry[1] !== undefined)
      .reverse();
  }

  /**
   * What the server does for this attempt, from (seed, identity) alone: the same every time. Phases that
   * begin at a request index apply; phases that begin at a time (`afterMs`) cannot be known from the
   * identity: pass the phase to `decideInPhase` for those.
   */
  decideFor(identity: RequestIdentity, query?: URLSearchParams): Decision {
    return this.decideInPhase(this.phaseOfIndex(identity.index), identity, query ?? NO_QUERY);
  }

  /**
   * How long a request of this decision is served when it gets its slot while `inService` requests (itself
   * included) hold one: its latency, slowed by contention and coherency when the profile sets them (coherency.ts).
   * Read at the slot, so it depends on what is in service then, never on the identity.
   */
  serviceMs(decision: Decision, inService: number): number {
    const { slowdown } = this.profile;
    if (slowdown.contention === 0 && slowdown.coherency === 0) return decision.latencyMs;
    return slowedServiceMs(decision.latencyMs, inService, slowdown);
  }

  /** The phase (0 = the profile itself) that request index `index` belongs to by the `afterRequests` phases. */
  phaseOfIndex(index: number): number {
    for (const [phase, afterRequests] of this.#indexPhases) if (index >= afterRequests) return phase;
    return 0;
  }

  /** `phase`: as the server's phase clock assigned it; by default from the identity's index (or 0 without one). */
  decide(request: MockRequest, phase?: number): Decision {
    const identity = request.identity;
    return this.decideInPhase(phase ?? (identity ? this.phaseOfIndex(identity.index) : 0), identity, request.query);
  }

  decideInPhase(phase: number, identity: RequestIdentity | undefined, query: URLSearchParams): Decision {
    const model = this.#models[phase] ?? (this.#models[0] as PhaseModel);
    const profile = this.profile;
    if (query.size === 0) {
      const fault = this.#drawFault(model, identity);
      return {
        latencyMs: this.#drawLatency(model, identity),
        status: fault === 'error' ? 500 : 200,
        fault,
        payload: profile.payload,
        bodyBytes: profile.bodyBytes,
        bodyBytesPerSecond: profile.bodyBytesPerSecond,
        firstByteDelayMs: profile.firstByteDelayMs,
      };
    }
    const latencyOverride = numberParam(query, 'latency', MAX_QUERY_LATENCY_MS);
    const statusOverride = numberParam(query, 'status', 599);
    const faultOverride = faultParam(query);
    const fault =
      faultOverride === 'none'
        ? undefined
        : (faultOverride ?? (statusOverride === undefined ? this.#drawFault(model, identity) : undefined));
    return {
      latencyMs: latencyOverride ?? this.#drawLatency(model, identity),
      status: fault === 'error' ? 500 : statusOverride !== undefined && statusOverride >= 200 ? Math.floor(statusOverride) : 200,
      fault,
      payload: payloadParam(query) ?? profile.payload,
      bodyBytes: Math.floor(numberParam(query, 'size', MAX_QUERY_BYTES) ?? profile.bodyBytes),
      bodyBytesPerSecond: profile.bodyBytesPerSecond,
      firstByteDelayMs: profile.firstByteDelayMs,
    };
  }

  #drawLatency(model: PhaseModel, identity: RequestIdentity | undefined): number {
    const jitterMs = this.profile.jitterMs;
    if (identity === undefined) {
      const latency = model.streamLatency();
      return jitterMs > 0 ? latency + this.#latencyRandom() * jitterMs : latency;
    }
    this.#identityRandom.seed(requestSeed(this.profile.seed, LATENCY_DOMAIN, identity));
    const latency = model.identityLatency();
    return jitterMs > 0 ? latency + this.#identityRandom.next() * jitterMs : latency;
  }

  #drawFault(model: PhaseModel, identity: RequestIdentity | undefined): Fault | undefined {
    const { error, reset, stall } = model.faults;
    if (error + reset + stall === 0) return undefined;
    const draw = identity === undefined ? this.#faultRandom() : firstDraw(requestSeed(this.profile.seed, FAULT_DOMAIN, identity));
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
