import type { RequestIdentity } from '../common/request-identity.ts';
import { FAULTS, type Fault } from './behaviour.ts';

/** Answered requests kept at most; older ones are overwritten (ring buffer) and counted as dropped. */
const REQUEST_RECORD_CAPACITY = 200_000;

/** One answered request as GET /__requests lists it. */
export interface RecordedRequest {
  /** Absent when the request carried no (valid) identity header. */
  readonly identity?: RequestIdentity;
  /** The phase it belonged to (0 = the profile itself). */
  readonly phase: number;
  /** The latency the behaviour model drew (or the query asked for); 0 for 429/503 rejections. */
  readonly latencyMs: number;
  readonly fault: Fault | null;
  /** The status answered; 0 for a reset or a stall (no answer). */
  readonly status: number;
  /** When it arrived and when the answer (or the reset, or the stall) went out, in ms since the first request after /__reset. */
  readonly arrivedMs: number;
  readonly answeredMs: number;
}

export interface RequestRecordSnapshot {
  readonly recording: boolean;
  /** Answered requests overwritten since the last reset because the ring was full. */
  readonly dropped: number;
  readonly requests: readonly RecordedRequest[];
}

const NO_IDENTITY = 0xff;

/** The server's own record of what it answered, for tests: preallocated typed arrays, nothing allocated per request. */
export class RequestRecord {
  readonly #capacity: number;
  readonly #stream: Uint32Array;
  readonly #iteration: Uint32Array;
  readonly #index: Uint32Array;
  readonly #attempt: Uint32Array;
  /** FAULTS index + 1 (0 = none). */
  readonly #fault: Uint8Array;
  /** Phase, or NO_IDENTITY in the high byte when the request had none. */
  readonly #phase: Uint16Array;
  readonly #status: Uint16Array;
  readonly #latencyMs: Float64Array;
  readonly #arrivedMs: Float64Array;
  readonly #answeredMs: Float64Array;
  #count = 0;

  constructor(capacity = REQUEST_RECORD_CAPACITY) {
    this.#capacity = capacity;
    this.#stream = new Uint32Array(capacity);
    this.#iteration = new Uint32Array(capacity);
    this.#index = new Uint32Array(capacity);
    this.#attempt = new Uint32Array(capacity);
    this.#fault = new Uint8Array(capacity);
    this.#phase = new Uint16Array(capacity);
    this.#status = new Uint16Array(capacity);
    this.#latencyMs = new Float64Array(capacity);
    this.#arrivedMs = new Float64Array(capacity);
    this.#answeredMs = new Float64Array(capacity);
  }

  add(
    identity: RequestIdentity | undefined,
    phase: number,
    latencyMs: number,
    fault: Fault | undefined,
    status: number,
    arrivedMs: number,
    answeredMs: number,
  ): void {
    const at = this.#count++ % this.#capacity;
    if (identity === undefined) {
      this.#phase[at] = (NO_IDENTITY << 8) | phase;
    } else {
      this.#stream[at] = identity.stream;
      this.#iteration[at] = identity.iteration;
      this.#index[at] = identity.index;
      this.#attempt[at] = identity.attempt;
      this.#phase[at] = phase;
    }
    this.#fault[at] = fault === undefined ? 0 : FAULTS.indexOf(fault) + 1;
    this.#status[at] = status;
    this.#latencyMs[at] = latencyMs;
    this.#arrivedMs[at] = arrivedMs;
    this.#answeredMs[at] = answeredMs;
  }

  clear(): void {
    this.#count = 0;
  }

  /** Oldest first. */
  snapshot(): RequestRecordSnapshot {
    const kept = Math.min(this.#count, this.#capacity);
    const first = this.#count - kept;
    const requests: RecordedRequest[] = [];
    for (let n = first; n < this.#count; n++) {
      const at = n % this.#capacity;
      const phaseWord = this.#phase[at] ?? 0;
      const common = {
        phase: phaseWord & 0xff,
        latencyMs: this.#latencyMs[at] ?? 0,
        fault: FAULTS[(this.#fault[at] ?? 0) - 1] ?? null,
        status: this.#status[at] ?? 0,
        arrivedMs: this.#arrivedMs[at] ?? 0,
        answeredMs: this.#answeredMs[at] ?? 0,
      };
      if (phaseWord >> 8 === NO_IDENTITY) requests.push(common);
      else {
        const identity = {
          stream: this.#stream[at] ?? 0,
          iteration: this.#iteration[at] ?? 0,
          index: this.#index[at] ?? 0,
          attempt: this.#attempt[at] ?? 0,
        };
        requests.push({ identity, ...common });
      }
    }
    return { recording: true, dropped: first, requests };
  }
}
