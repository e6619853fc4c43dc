import { Behaviour, type Decision, type MockRequest } from './behaviour.ts';
import { CapacityGate } from './capacity-gate.ts';
import { monotonicMs } from './clock.ts';
import { DeadlineTimer } from './deadline-timer.ts';
import { CONTENT_TYPES, payloadBody } from './payload.ts';
import type { ResolvedProfile } from './profile.ts';
import { SERVER_TIMING_HEADER, formatServerTiming } from './server-timing.ts';
import { ServerStats, type ServerStatsSnapshot } from './stats.ts';
import { TokenBucket } from './token-bucket.ts';

export type ResponseHeaders = Readonly<Record<string, string>>;

/** How an adapter (node:http, msw) writes one answer; the service decides what and when. */
export interface ResponseSink {
  head(status: number, headers: ResponseHeaders): void;
  write(chunk: Buffer): void;
  end(chunk?: Buffer): void;
  /** Drop the connection without an answer (a TCP reset where the transport has one). */
  reset(): void;
}

/** What the adapter tells the service about one exchange. */
export interface Exchange {
  /** The client went away (timeout, abort, closed socket) before the answer was complete. */
  clientGone(): void;
}

const NOTHING_TO_DO: Exchange = { clientGone: () => {} };
/** Slow bodies go out in ticks of this many ms. */
const BODY_TICK_MS = 10;

/**
 * One request's way through the mock server, the same for both adapters: rate limit (429), capacity slot or
 * FIFO queue (503 when full), then the behaviour model's latency, answer or fault. Latency runs from the slot,
 * against the slot's time, so a queued request's wait is reported apart in Server-Timing.
 */
export class MockService {
  readonly #behaviour: Behaviour;
  readonly #gate: CapacityGate;
  readonly #bucket: TokenBucket | undefined;
  readonly #timer = new DeadlineTimer();
  readonly #stats = new ServerStats();

  constructor(profile: ResolvedProfile) {
    this.#behaviour = new Behaviour(profile);
    this.#gate = new CapacityGate(profile.capacity, profile.queueLimit);
    this.#bucket = profile.rateLimit && new TokenBucket(profile.rateLimit.perSecond, profile.rateLimit.burst, monotonicMs());
  }

  get ready(): Promise<void> {
    return this.#timer.ready;
  }

  stats(): ServerStatsSnapshot {
    return this.#stats.snapshot();
  }

  resetStats(): void {
    this.#stats.reset();
  }

  close(): Promise<void> {
    return this.#timer.close();
  }

  handle(request: MockRequest, sink: ResponseSink): Exchange {
    const arrivalMs = monotonicMs();
    const stats = this.#stats;
    stats.received();
    const waitMs = this.#bucket?.take(arrivalMs) ?? 0;
    if (waitMs > 0) return this.#reject(sink, 429, arrivalMs, Math.ceil(waitMs / 1000));
    const decision = this.#behaviour.decide(request);
    let state: 'queued' | 'serving' | 'done' = 'queued';
    let pending: { cancel(): void } | undefined;
    const finish = (): void => {
      state = 'done';
      stats.end();
      this.#gate.release();
      stats.queueLength(this.#gate.waiting);
    };
    const serve = (): void => {
      state = 'serving';
      const slotMs = monotonicMs();
      stats.queueLength(this.#gate.waiting);
      stats.begin();
      if (decision.fault === 'stall') return stats.faulted('stall');
      const answer = (): void => {
        pending = undefined;
        if (decision.fault === 'reset') {
          stats.faulted('reset');
          sink.reset();
          return finish();
        }
        if (decision.fault === 'error') stats.faulted('error');
        pending = this.#answer(sink, decision, arrivalMs, slotMs, finish);
      };
      if (decision.latencyMs <= 0) answer();
      else pending = this.#timer.at(slotMs + decision.latencyMs, answer);
    };
    const ticket = this.#gate.enter(serve);
    if (!ticket) return this.#reject(sink, 503, arrivalMs, 1);
    if (ticket.waiting) stats.queueLength(this.#gate.waiting);
    return {
      clientGone: () => {
        if (state === 'done') return;
        stats.aborted();
        if (state === 'queued') {
          ticket.cancel();
          state = 'done';
          stats.queueLength(this.#gate.waiting);
          return;
        }
        pending?.cancel();
        finish();
      },
    };
  }

  /** Writes the answer; returns the pending body ticks of a slow body, if any. */
  #answer(sink: ResponseSink, decision: Decision, arrivalMs: number, slotMs: number, finish: () => void): { cancel(): void } | undefined {
    const body = payloadBody(decision.payload, decision.bodyBytes);
    const headMs = monotonicMs();
    sink.head(decision.status, {
      'content-type': CONTENT_TYPES[decision.payload],
      'content-length': String(body.length),
      [SERVER_TIMING_HEADER]: formatServerTiming(slotMs - arrivalMs, headMs - slotMs),
    });
    this.#stats.answered(decision.status);
    const rate = decision.bodyBytesPerSecond;
    if (rate === undefined && decision.firstByteDelayMs <= 0) {
      sink.end(body);
      finish();
      return undefined;
    }
    const firstByteMs = headMs + decision.firstByteDelayMs;
    const chunkBytes = rate === undefined ? body.length : Math.max(1, Math.ceil((rate * BODY_TICK_MS) / 1000));
    let sent = 0;
    let scheduled: { cancel(): void } | undefined;
    const tick = (): void => {
      const next = Math.min(body.length, sent + chunkBytes);
      if (next >= body.length) {
        sink.end(body.subarray(sent));
        finish();
        return;
      }
      sink.write(body.subarray(sent, next));
      sent = next;
      scheduled = this.#timer.at(firstByteMs + (rate === undefined ? 0 : (sent / rate) * 1000), tick);
    };
    scheduled = this.#timer.at(firstByteMs, tick);
    return { cancel: () => scheduled?.cancel() };
  }

  #reject(sink: ResponseSink, status: 429 | 503, arrivalMs: number, retryAfterSeconds: number): Exchange {
    const body = payloadBody('json', 2);
    sink.head(status, {
      'content-type': CONTENT_TYPES.json,
      'content-length': String(body.length),
      'retry-after': String(Math.max(1, retryAfterSeconds)),
      [SERVER_TIMING_HEADER]: formatServerTiming(0, monotonicMs() - arrivalMs),
    });
    sink.end(body);
    this.#stats.answered(status);
    return NOTHING_TO_DO;
  }
}
