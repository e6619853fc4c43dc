import type { RequestIdentity } from '../common/request-identity.ts';
import type { CapacityGate } from './capacity-gate.ts';
import type { ResolvedProfile } from './profile.ts';

/**
 * Which phase each arriving request belongs to, and the server state that changes when a phase begins.
 * A request belongs to the last phase whose trigger holds for it: `afterRequests` by its identity's index
 * (deterministic, the same for every model) or, without an identity, by arrivals since /__reset; `afterMs`
 * by the time since the first request after /__reset. A phase begins when its first request arrives: then
 * its capacity takes effect and its pause starts. Requests with identities count per batch: the first request of a
 * new batch (stream and iteration) starts again from the profile, so every batch shifts at the same index.
 */
export class PhaseClock {
  readonly #profile: ResolvedProfile;
  readonly #gate: CapacityGate;
  #originMs = Number.NaN;
  #arrivals = 0;
  #begun = 0;
  /** The batch (stream and iteration) the phases count for: `afterRequests` phases start again with every batch. */
  #stream = Number.NaN;
  #iteration = Number.NaN;
  /** Phases by time alone whose pause has run since /__reset: time does not start again with a batch, nor does it. */
  readonly #timePaused = new Set<number>();
  /** No answer goes out before this time (monotonicMs); -Infinity when no pause is on. */
  pausedUntilMs = Number.NEGATIVE_INFINITY;

  constructor(profile: ResolvedProfile, gate: CapacityGate) {
    this.#profile = profile;
    this.#gate = gate;
  }

  /** Ms since the first request after the last reset (0 before it). */
  sinceOriginMs(nowMs: number): number {
    return Number.isNaN(this.#originMs) ? 0 : nowMs - this.#originMs;
  }

  /** Counts an arrival and returns its phase (0 = the profile itself). */
  arrive(identity: RequestIdentity | undefined, nowMs: number): number {
    const arrival = this.#arrivals++;
    if (Number.isNaN(this.#originMs)) this.#originMs = nowMs;
    const phases = this.#profile.phases;
    if (phases.length === 0) return 0;
    if (identity !== undefined) this.#enterBatch(identity.stream, identity.iteration);
    const index = identity === undefined ? arrival : identity.index;
    const elapsedMs = nowMs - this.#originMs;
    let phase = 0;
    for (let p = phases.length - 1; p >= 0; p--) {
      const { afterRequests, afterMs } = phases[p] as (typeof phases)[number];
      if ((afterRequests !== undefined && index >= afterRequests) || (afterMs !== undefined && elapsedMs >= afterMs)) {
        phase = p + 1;
        break;
      }
    }
    if (phase > this.#begun) this.#begin(phase, nowMs);
    return phase;
  }

  /**
   * A request of a new batch: phases by index count within a batch, so the batch starts from the profile again
   * (its capacity back, no pause) and reaches its phases at the same indices as every other batch.
   */
  #enterBatch(stream: number, iteration: number): void {
    if (this.#stream === stream && this.#iteration === iteration) return;
    const first = Number.isNaN(this.#stream);
    this.#stream = stream;
    this.#iteration = iteration;
    if (first || this.#begun === 0) return;
    this.#begun = 0;
    this.pausedUntilMs = Number.NEGATIVE_INFINITY;
    this.#gate.setCapacity(this.#profile.capacity);
  }

  reset(): void {
    this.#originMs = Number.NaN;
    this.#arrivals = 0;
    this.#begun = 0;
    this.#stream = Number.NaN;
    this.#iteration = Number.NaN;
    this.#timePaused.clear();
    this.pausedUntilMs = Number.NEGATIVE_INFINITY;
    this.#gate.setCapacity(this.#profile.capacity);
  }

  /** Phases skipped over begin at once with this one: their pauses overlap, the longest counts. */
  #begin(phase: number, nowMs: number): void {
    const phases = this.#profile.phases;
    for (let p = this.#begun; p < phase; p++) {
      const pauseMs = phases[p]?.pauseMs ?? 0;
      if (pauseMs <= 0) continue;
      if (phases[p]?.afterRequests === undefined) {
        if (this.#timePaused.has(p)) continue;
        this.#timePaused.add(p);
      }
      this.pausedUntilMs = Math.max(this.pausedUntilMs, nowMs + pauseMs);
    }
    this.#begun = phase;
    const capacity = phases[phase - 1]?.capacity;
    if (capacity !== this.#gate.capacity) this.#gate.setCapacity(capacity);
  }
}
