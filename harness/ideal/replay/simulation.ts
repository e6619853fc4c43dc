import {
  ANSWER_DUE,
  AttemptTable,
  AWAITING,
  ENDED,
  NOT_ARRIVED,
  OK,
  OUTCOME_KIND,
  OUTCOME_LIMIT,
  QUEUE_FULL,
  RATE_LIMITED,
  RESET,
  SERVER_ERROR,
  SERVER_FINISHED,
  SERVING,
  TIMEOUT,
  WAITING_SLOT,
} from './attempts.ts';
import { CapacityQueue, FULL, QUEUED } from './capacity-queue.ts';
import { BYTES, CAPACITY, CPU, LATENCY, LaneLedger, RETRIES } from './critical-path.ts';
import { EventQueue } from './event-queue.ts';
import { ExecutorPool } from './executor-pool.ts';
import { TokenBucket } from '../../../mock-server/token-bucket.ts';
import { rateLimitRetryAfterMs } from './retry-after.ts';
import type { ReplayErrorKind, ReplayInput, ReplayResult } from './types.ts';

/*
 * The exact zero-overhead ideal: a discrete-event replay of one batch, told by `decide` what the server does
 * for every attempt. The rules, as the mock server and the shared client behave:
 * - Lanes: `lanes` lanes start at 0; a free lane takes the next index from one counter. It stays busy through
 *   its request's attempts, backoffs and CPU work, then takes the next.
 * - Round-trip floor: half of `roundTripFloorMs` from sending to arrival at the server, half from the server's
 *   answer to the client (the floor is one round trip; both directions cross the same loopback).
 * - Server, in order: token bucket (no token: 429 at once, Retry-After = whole seconds until the next token,
 *   at least 1); capacity slot or FIFO queue (queue full: 503 at once, Retry-After 1); latency from the slot,
 *   slowed by the requests in service when the server turns down (contention, coherency);
 *   then fault error = 500, reset = reset, or 200. A stall never answers. The slot frees when the answer is
 *   written, or half a floor after the client gives up (when the close reaches the server).
 * - Client: headers later than `headersTimeoutMs` after sending mean a timeout at that moment. A 200 or 500 body
 *   takes bodyBytes / bytesPerMs after the headers on one link all bodies share, one after another in the order the
 *   server writes them (429 and 503 bodies are a few bytes: free), or what a slow body
 *   takes the server to write (first-byte delay plus bytes at their rate) when that is longer; the server holds its
 *   slot while it writes a slow body. Kinds as in
 *   runners/error-kind.ts: 429 rate_limited, 5xx http_5xx, reset, timeout.
 * - Retry when the kind is in retryOn and retries are left, after min(Retry-After, maxRetryAfterMs) when
 *   honoured and sent, else backoffMs(index, retry); the lane waits meanwhile.
 * - CPU work: a success needs cpuWorkMs on one of cpuExecutors (FIFO when all are busy) before its lane goes on.
 * Equal times are handled in the order the events were scheduled.
 */

// Events; `ref` is a lane for START and CPU_DONE, an attempt for the rest.
const START = 0;
const ARRIVE = 1;
const SERVER_DONE = 2;
const SERVER_GONE = 3;
const CLIENT_END = 4;
const CLIENT_TIMEOUT = 5;
const CPU_DONE = 6;

/** The service time of an attempt that starts while `inService` hold a slot, itself included (mock-server/coherency.ts). */
function slowed(latencyMs: number, inService: number, slowdown: ReplayInput['server']['slowdown']): number {
  if (slowdown === undefined) return latencyMs;
  const others = Math.max(0, inService - 1);
  return latencyMs * (1 + slowdown.contention * others + slowdown.coherency * inService * others);
}

/** What the server spends writing a slow body after its headers: the first-byte delay, then the bytes at their rate. */
function slowBodyMs(decision: {
  readonly bodyBytes: number;
  readonly firstByteDelayMs?: number | undefined;
  readonly bodyBytesPerSecond?: number | undefined;
}): number {
  const rate = decision.bodyBytesPerSecond;
  return (decision.firstByteDelayMs ?? 0) + (rate !== undefined && rate > 0 ? (decision.bodyBytes / rate) * 1000 : 0);
}

/** The makespan and per-request latencies a zero-overhead client would have on this batch. Pure. */
export function replayBatch(input: ReplayInput): ReplayResult {
  return new Replay(input).run();
}

class Replay {
  readonly #input: ReplayInput;
  readonly #requests: number;
  readonly #lanes: number;
  readonly #halfFloorMs: number;
  readonly #retryable: readonly boolean[];
  readonly #queue = new EventQueue();
  // The server's own bucket on the replay's clock: it starts full at time 0.
  readonly #bucket: TokenBucket | undefined;
  readonly #gate: CapacityQueue;
  readonly #executors: ExecutorPool;
  readonly #ledger: LaneLedger;
  #nextIndex = 0;
  /** When the one link carried bodies share is next free (see #serverDone). */
  #linkFreeAt = 0;
  #phase = 0;
  #retries = 0;
  #backoffMs = 0;

  readonly #starts: Float64Array;
  readonly #latencies: Float64Array;
  readonly #ends: Float64Array;
  readonly #errors: (ReplayErrorKind | undefined)[];
  readonly #errorsByKind: Record<ReplayErrorKind, number> = { rate_limited: 0, http_5xx: 0, reset: 0, timeout: 0 };

  // Per lane: the request it works on, that request's attempt number, when its CPU work was asked for.
  readonly #laneIndex: Int32Array;
  readonly #laneAttempt: Int32Array;
  readonly #laneCpuFrom: Float64Array;

  readonly #attempts = new AttemptTable();

  constructor(input: ReplayInput) {
    this.#input = input;
    this.#requests = Math.max(0, Math.floor(input.requests));
    this.#lanes = this.#requests === 0 ? 0 : Math.max(1, Math.min(Math.floor(input.lanes), this.#requests));
    this.#halfFloorMs = Math.max(0, input.roundTripFloorMs) / 2;
    this.#retryable = OUTCOME_KIND.map((kind) => kind !== undefined && input.retry.retryOn.includes(kind));
    const { capacity, queueLimit, rateLimit } = input.server;
    this.#bucket = rateLimit && new TokenBucket(rateLimit.perSecond, rateLimit.burst, 0);
    this.#gate = new CapacityQueue(capacity, queueLimit, (id) => this.#attempts.server[id] === WAITING_SLOT);
    this.#executors = new ExecutorPool(input.cpuExecutors, this.#lanes);
    this.#ledger = new LaneLedger(this.#lanes);
    this.#starts = new Float64Array(this.#requests);
    this.#latencies = new Float64Array(this.#requests);
    this.#ends = new Float64Array(this.#requests);
    this.#errors = new Array<ReplayErrorKind | undefined>(this.#requests).fill(undefined);
    this.#laneIndex = new Int32Array(this.#lanes);
    this.#laneAttempt = new Int32Array(this.#lanes);
    this.#laneCpuFrom = new Float64Array(this.#lanes);
  }

  run(): ReplayResult {
    for (let lane = 0; lane < this.#lanes; lane += 1) this.#takeNext(lane, 0);
    const queue = this.#queue;
    while (queue.pop()) {
      const { time, ref } = queue;
      switch (queue.kind) {
        case START:
          this.#send(ref, time);
          break;
        case ARRIVE:
          this.#arrive(ref, time);
          break;
        case SERVER_DONE:
          this.#serverDone(ref, time);
          break;
        case SERVER_GONE:
          this.#serverGone(ref, time);
          break;
        case CLIENT_END:
          this.#attempts.client[ref] = ENDED;
          this.#attemptEnded(ref, time);
          break;
        case CLIENT_TIMEOUT:
          this.#clientTimeout(ref, time);
          break;
        case CPU_DONE:
          this.#cpuDone(ref, time);
          break;
      }
    }
    const { makespanMs, limitedBy, criticalPathMs } = this.#ledger.criticalPath();
    const total = Object.values(this.#errorsByKind).reduce((sum, count) => sum + count, 0);
    return {
      makespanMs,
      requestLatenciesMs: this.#latencies,
      requestEndsMs: this.#ends,
      requestErrors: this.#errors,
      attempts: this.#attempts.count,
      retries: this.#retries,
      backoffMs: this.#backoffMs,
      errors: { total, byKind: this.#errorsByKind },
      limitedBy,
      criticalPathMs,
    };
  }

  #takeNext(lane: number, now: number): void {
    if (this.#nextIndex >= this.#requests) return this.#ledger.end(lane, now);
    const index = this.#nextIndex;
    this.#nextIndex += 1;
    this.#starts[index] = now;
    this.#laneIndex[lane] = index;
    this.#laneAttempt[lane] = 0;
    this.#send(lane, now);
  }

  #send(lane: number, now: number): void {
    const id = this.#attempts.add(lane, this.#laneIndex[lane] ?? 0, this.#laneAttempt[lane] ?? 0, now, now + this.#input.headersTimeoutMs);
    this.#queue.push(now + this.#halfFloorMs, ARRIVE, id);
  }

  #arrive(id: number, now: number): void {
    if (this.#attempts.server[id] !== NOT_ARRIVED) return;
    this.#enterPhase(this.#attempts.index[id] ?? 0, now);
    const waitMs = this.#bucket?.take(now) ?? 0;
    if (waitMs > 0) return this.#answerAtOnce(id, now, RATE_LIMITED, rateLimitRetryAfterMs(waitMs));
    const admission = this.#gate.enter(id);
    if (admission === FULL) return this.#answerAtOnce(id, now, QUEUE_FULL, 1000);
    if (admission === QUEUED) {
      this.#attempts.server[id] = WAITING_SLOT;
      this.#attempts.queuedAt[id] = now;
      return this.#armTimeout(id, now);
    }
    this.#slot(id, now);
  }

  /** The mock server's phase clock: the first arrival at a phase's index gives the server that phase's capacity. */
  #enterPhase(index: number, now: number): void {
    const phases = this.#input.server.capacityPhases ?? [];
    let phase = 0;
    for (const [p, entry] of phases.entries()) if (index >= entry.afterRequests) phase = p + 1;
    if (phase <= this.#phase) return;
    this.#phase = phase;
    for (const admitted of this.#gate.setCapacity(phases[phase - 1]?.capacity)) this.#slot(admitted, now);
  }

  #answerAtOnce(id: number, now: number, outcome: number, retryAfterMs: number): void {
    this.#attempts.server[id] = SERVER_FINISHED;
    this.#attempts.outcome[id] = outcome;
    this.#attempts.retryAfterMs[id] = retryAfterMs;
    const headersAt = now + this.#halfFloorMs;
    if (headersAt > (this.#attempts.deadline[id] ?? 0)) return this.#armTimeout(id, now);
    this.#attempts.client[id] = ANSWER_DUE;
    this.#queue.push(headersAt, CLIENT_END, id);
  }

  #slot(id: number, now: number): void {
    this.#attempts.server[id] = SERVING;
    this.#attempts.slotAt[id] = now;
    const decision = this.#input.decide(this.#attempts.index[id] ?? 0, this.#attempts.number[id] ?? 0);
    if (decision.fault === 'stall') return this.#armTimeout(id, now);
    const answerAt = now + slowed(Math.max(0, decision.latencyMs), this.#gate.active, this.#input.server.slowdown);
    const outcome = decision.fault === 'error' ? SERVER_ERROR : decision.fault === 'reset' ? RESET : OK;
    const bytesPerMs = this.#input.bytesPerMs;
    this.#attempts.outcome[id] = outcome;
    const carried = outcome !== RESET && bytesPerMs !== undefined && bytesPerMs > 0 ? decision.bodyBytes / bytesPerMs : 0;
    const trickleMs = outcome === RESET ? 0 : slowBodyMs(decision);
    this.#attempts.trickleMs[id] = trickleMs;
    this.#attempts.bodyMs[id] = Math.max(carried, trickleMs);
    const inTime = answerAt + this.#halfFloorMs <= (this.#attempts.deadline[id] ?? 0);
    if (this.#attempts.client[id] === AWAITING && inTime) this.#attempts.client[id] = ANSWER_DUE;
    else this.#armTimeout(id, now);
    // A slow body holds the server's slot until its last byte is written.
    this.#queue.push(answerAt + trickleMs, SERVER_DONE, id);
  }

  #armTimeout(id: number, now: number): void {
    if (this.#attempts.timeoutSet[id] || this.#attempts.client[id] !== AWAITING) return;
    this.#attempts.timeoutSet[id] = true;
    this.#queue.push(Math.max(now, this.#attempts.deadline[id] ?? 0), CLIENT_TIMEOUT, id);
  }

  #serverDone(id: number, now: number): void {
    if (this.#attempts.server[id] !== SERVING) return;
    this.#attempts.server[id] = SERVER_FINISHED;
    this.#releaseSlot(now);
    if (this.#attempts.client[id] === ANSWER_DUE) {
      const bodyMs = this.#attempts.bodyMs[id] ?? 0;
      const rest = bodyMs - (this.#attempts.trickleMs[id] ?? 0);
      // Carried bodies share one link at the probed bandwidth, in the order they are written: on loopback the bytes
      // are copied by the cores client and server share, so bodies in flight at once do not each get what one alone
      // was measured at. Waiting for the link counts as the body's time.
      const start = rest > 0 ? Math.max(now, this.#linkFreeAt) : now;
      if (rest > 0) {
        this.#linkFreeAt = start + rest;
        this.#attempts.bodyMs[id] = bodyMs + (start - now);
      }
      this.#queue.push(start + this.#halfFloorMs + rest, CLIENT_END, id);
    }
  }

  /** The client's close reached the server: a waiter leaves the queue, a served attempt frees its slot. */
  #serverGone(id: number, now: number): void {
    const state = this.#attempts.server[id];
    this.#attempts.server[id] = SERVER_FINISHED;
    if (state === WAITING_SLOT) this.#gate.leave();
    else if (state === SERVING) this.#releaseSlot(now);
  }

  #releaseSlot(now: number): void {
    const next = this.#gate.release();
    if (next >= 0) this.#slot(next, now);
  }

  #clientTimeout(id: number, now: number): void {
    if (this.#attempts.client[id] !== AWAITING) return;
    this.#attempts.client[id] = ENDED;
    this.#attempts.outcome[id] = TIMEOUT;
    this.#attempts.retryAfterMs[id] = NaN;
    this.#attempts.bodyMs[id] = 0;
    if (this.#attempts.server[id] !== SERVER_FINISHED) this.#queue.push(now + this.#halfFloorMs, SERVER_GONE, id);
    this.#attemptEnded(id, now);
  }

  #attemptEnded(id: number, now: number): void {
    const lane = this.#attempts.lane[id] ?? 0;
    const index = this.#attempts.index[id] ?? 0;
    const outcome = this.#attempts.outcome[id] ?? OK;
    const spanMs = now - (this.#attempts.sentAt[id] ?? 0);
    const queuedAt = this.#attempts.queuedAt[id] ?? NaN;
    const slotAt = this.#attempts.slotAt[id] ?? NaN;
    const waitMs = Number.isNaN(queuedAt) ? 0 : Math.max(0, Math.min(Number.isNaN(slotAt) ? now : slotAt, now) - queuedAt);
    const ledger = this.#ledger;
    ledger.add(lane, CAPACITY, waitMs);
    if (outcome === OK) {
      const bodyMs = this.#attempts.bodyMs[id] ?? 0;
      ledger.add(lane, BYTES, bodyMs);
      ledger.add(lane, LATENCY, spanMs - waitMs - bodyMs);
      this.#finishRequest(index, now, undefined);
      return this.#work(lane, now);
    }
    const limit = OUTCOME_LIMIT[outcome] ?? RETRIES;
    ledger.add(lane, limit, spanMs - waitMs);
    const retry = this.#attempts.number[id] ?? 0;
    const policy = this.#input.retry;
    if (retry < policy.maxRetries && this.#retryable[outcome]) {
      const retryAfterMs = this.#attempts.retryAfterMs[id] ?? NaN;
      const asked = policy.honourRetryAfter && !Number.isNaN(retryAfterMs);
      const delayMs = Math.max(0, asked ? Math.min(retryAfterMs, policy.maxRetryAfterMs) : policy.backoffMs(index, retry));
      ledger.add(lane, limit, delayMs);
      this.#retries += 1;
      this.#backoffMs += delayMs;
      this.#laneAttempt[lane] = retry + 1;
      this.#queue.push(now + delayMs, START, lane);
      return;
    }
    this.#finishRequest(index, now, OUTCOME_KIND[outcome]);
    this.#takeNext(lane, now);
  }

  #finishRequest(index: number, now: number, kind: ReplayErrorKind | undefined): void {
    this.#ends[index] = now;
    this.#latencies[index] = now - (this.#starts[index] ?? 0);
    if (kind === undefined) return;
    this.#errors[index] = kind;
    this.#errorsByKind[kind] += 1;
  }

  #work(lane: number, now: number): void {
    const workMs = this.#input.cpuWorkMs;
    if (!(workMs > 0)) return this.#takeNext(lane, now);
    this.#laneCpuFrom[lane] = now;
    if (this.#executors.acquire(lane)) this.#queue.push(now + workMs, CPU_DONE, lane);
  }

  #cpuDone(lane: number, now: number): void {
    this.#ledger.add(lane, CPU, now - (this.#laneCpuFrom[lane] ?? 0));
    const next = this.#executors.release();
    if (next >= 0) this.#queue.push(now + this.#input.cpuWorkMs, CPU_DONE, next);
    this.#takeNext(lane, now);
  }
}
