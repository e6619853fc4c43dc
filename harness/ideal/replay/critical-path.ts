import { REPLAY_LIMITS, type ReplayLimit } from './types.ts';

export const LATENCY = 0;
export const CPU = 1;
export const CAPACITY = 2;
export const RATE_LIMIT = 3;
export const RETRIES = 4;
export const BYTES = 5;
export type LimitCode = typeof LATENCY | typeof CPU | typeof CAPACITY | typeof RATE_LIMIT | typeof RETRIES | typeof BYTES;

const KINDS = REPLAY_LIMITS.length;

export interface CriticalPath {
  readonly makespanMs: number;
  readonly limitedBy: ReplayLimit;
  readonly criticalPathMs: Readonly<Record<ReplayLimit, number>>;
}

/**
 * Where each lane's time went. A lane is busy without a gap from time 0 until the shared counter runs dry,
 * so the lane that ends last is a critical path of the batch: its parts sum to the makespan, and the largest
 * part names what bound it. Cheap (one add per attempt), unlike re-running with each resource unlimited.
 */
export class LaneLedger {
  readonly #ms: Float64Array;
  readonly #ends: Float64Array;

  constructor(lanes: number) {
    this.#ms = new Float64Array(lanes * KINDS);
    this.#ends = new Float64Array(lanes);
  }

  add(lane: number, limit: LimitCode, ms: number): void {
    this.#ms[lane * KINDS + limit] = (this.#ms[lane * KINDS + limit] ?? 0) + ms;
  }

  end(lane: number, atMs: number): void {
    this.#ends[lane] = atMs;
  }

  criticalPath(): CriticalPath {
    let last = -1;
    let makespanMs = 0;
    for (let lane = 0; lane < this.#ends.length; lane += 1) {
      const end = this.#ends[lane] ?? 0;
      if (last < 0 || end > makespanMs) {
        last = lane;
        makespanMs = end;
      }
    }
    const parts: Record<ReplayLimit, number> = { latency: 0, cpu: 0, capacity: 0, 'rate-limit': 0, retries: 0, bytes: 0 };
    let limitedBy: ReplayLimit = 'latency';
    if (last >= 0) {
      REPLAY_LIMITS.forEach((limit, code) => {
        const ms = this.#ms[last * KINDS + code] ?? 0;
        parts[limit] = ms;
        if (ms > parts[limitedBy]) limitedBy = limit;
      });
    }
    return { makespanMs, limitedBy, criticalPathMs: parts };
  }
}
