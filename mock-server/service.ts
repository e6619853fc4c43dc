import { Behaviour, type MockRequest } from './behaviour.ts';
import { CapacityGate } from './capacity-gate.ts';
import { monotonicMs } from './clock.ts';
import { DeadlineTimer } from './deadline-timer.ts';
import { Flight, type FlightContext } from './flight.ts';
import { CONTENT_TYPES, payloadBody } from './payload.ts';
import type { ResolvedProfile } from './profile.ts';
import { SERVER_TIMING_HEADER, formatServerTiming } from './server-timing.ts';
import type { ResponseSink } from './sink.ts';
import { ServerStats, type ServerStatsSnapshot } from './stats.ts';
import { TokenBucket } from './token-bucket.ts';
import { PhaseClock } from './phase-clock.ts';
import { RequestRecord, type RequestRecordSnapshot } from './request-record.ts';

export type { ResponseHeaders, ResponseSink } from './sink.ts';

/** What the adapter tells the service about one exchange. */
export interface Exchange {
  /** True once the answer (or fault) is complete; the adapter need not report the client leaving then. */
  readonly done: boolean;
  /** The client went away (timeout, abort, closed socket) before the answer was complete. */
  clientGone(): void;
}

const ANSWERED: Exchange = { done: true, clientGone: () => {} };

/**
 * One request's way through the mock server, the same for both adapters: rate limit (429), a capacity slot
 * or the FIFO queue (503 when full), then the behaviour model's latency, answer or fault (see Flight).
 */
export class MockService {
  readonly #behaviour: Behaviour;
  readonly #bucket: TokenBucket | undefined;
  readonly #context: FlightContext;

  constructor(profile: ResolvedProfile) {
    this.#behaviour = new Behaviour(profile);
    this.#bucket = profile.rateLimit && new TokenBucket(profile.rateLimit.perSecond, profile.rateLimit.burst, monotonicMs());
    const gate = new CapacityGate(profile.capacity, profile.queueLimit);
    this.#context = {
      behaviour: this.#behaviour,
      gate,
      stats: new ServerStats(),
      timer: new DeadlineTimer(),
      phases: new PhaseClock(profile, gate),
      record: profile.recordRequests ? new RequestRecord() : undefined,
    };
  }

  get ready(): Promise<void> {
    return this.#context.timer.ready;
  }

  stats(): ServerStatsSnapshot {
    return this.#context.stats.snapshot();
  }

  /** Clears the stats and the record of requests, and starts the phases again from phase 0. */
  resetStats(): void {
    this.#context.stats.reset();
    this.#context.record?.clear();
    this.#context.phases.reset();
  }

  requests(): RequestRecordSnapshot {
    return this.#context.record?.snapshot() ?? { recording: false, dropped: 0, requests: [] };
  }

  close(): Promise<void> {
    return this.#context.timer.close();
  }

  handle(request: MockRequest, sink: ResponseSink): Exchange {
    const arrivalMs = monotonicMs();
    const context = this.#context;
    context.stats.received();
    const phase = context.phases.arrive(request.identity, arrivalMs);
    const waitMs = this.#bucket?.take(arrivalMs) ?? 0;
    if (waitMs > 0) return this.#reject(sink, request, phase, 429, arrivalMs, Math.ceil(waitMs / 1000));
    const flight = new Flight(context, sink, this.#behaviour.decide(request, phase), arrivalMs, request.identity, phase);
    return flight.board() ? flight : this.#reject(sink, request, phase, 503, arrivalMs, 1);
  }

  #reject(sink: ResponseSink, request: MockRequest, phase: number, status: 429 | 503, arrivalMs: number, retryAfter: number): Exchange {
    const { phases, timer } = this.#context;
    if (arrivalMs >= phases.pausedUntilMs) {
      this.#writeReject(sink, request, phase, status, arrivalMs, retryAfter);
      return ANSWERED;
    }
    // In a pause even a rejection waits for its end (rare: no closure on the usual path).
    const exchange = { done: false, clientGone: () => {} };
    const pending = timer.at(phases.pausedUntilMs, () => {
      exchange.done = true;
      this.#writeReject(sink, request, phase, status, arrivalMs, retryAfter);
    });
    exchange.clientGone = () => pending.cancel();
    return exchange;
  }

  #writeReject(
    sink: ResponseSink,
    request: MockRequest,
    phase: number,
    status: 429 | 503,
    arrivalMs: number,
    retryAfterSeconds: number,
  ): void {
    const body = payloadBody('json', 2);
    // A rejection is due at once: at its arrival, or at the end of the pause it arrived in.
    const writeMs = monotonicMs();
    const lateMs = writeMs - Math.max(arrivalMs, this.#context.phases.pausedUntilMs);
    sink.head(status, {
      'content-type': CONTENT_TYPES.json,
      'content-length': String(body.length),
      'retry-after': String(Math.max(1, retryAfterSeconds)),
      [SERVER_TIMING_HEADER]: formatServerTiming(0, writeMs - arrivalMs, lateMs),
    });
    sink.end(body);
    const { stats, record, phases } = this.#context;
    stats.answered(status, lateMs);
    record?.add(request.identity, phase, 0, undefined, status, phases.sinceOriginMs(arrivalMs), phases.sinceOriginMs(writeMs));
  }
}
