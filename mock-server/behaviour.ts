import type { ServerProfile } from './profile.ts';
import { seededRandom, type Random } from './random.ts';

export interface MockRequest {
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface Decision {
  readonly latencyMs: number;
  readonly status: number;
  readonly bodyBytes: number;
}

/** The one behaviour model: profile + request -> what to answer and when. Pure apart from its seeded sequence. */
export class Behaviour {
  readonly #profile: ServerProfile;
  readonly #random: Random;

  constructor(profile: ServerProfile) {
    this.#profile = profile;
    this.#random = seededRandom(profile.seed);
  }

  decide(request: MockRequest): Decision {
    const latencyOverride = numberParam(request.query, 'latency');
    const sizeOverride = numberParam(request.query, 'size');
    const statusOverride = numberParam(request.query, 'status');
    const jitter = this.#profile.jitterMs > 0 ? this.#random() * this.#profile.jitterMs : 0;
    return {
      latencyMs: latencyOverride ?? this.#profile.latencyMs + jitter,
      status: statusOverride ?? 200,
      bodyBytes: sizeOverride ?? this.#profile.bodyBytes,
    };
  }
}

function numberParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
