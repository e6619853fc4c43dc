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
    this.#context = { gate: new CapacityGate(profile.capacity, profile.queueLimit), stats: new ServerStats(), timer: new DeadlineTimer() };
  }

  get ready(): Promise<void> {
    return this.#context.timer.ready;
  }

  stats(): ServerStatsSnapshot {
    return this.#context.stats.snapshot();
  }

  resetStats(): void {
    this.#context.stats.reset();
  }

  close(): Promise<void> {
    return this.#context.timer.close();
  }

  handle(request: MockRequest, sink: ResponseSink): Exchange {
    const arrivalMs = monotonicMs();
    this.#context.stats.received();
    const waitMs = this.#bucket?.take(arrivalMs) ?? 0;
    if (waitMs > 0) return this.#reject(sink, 429, arrivalMs, Math.ceil(waitMs / 1000));
    const flight = new Flight(this.#context, sink, this.#behaviour.decide(request), arrivalMs);
    return flight.board() ? flight : this.#reject(sink, 503, arrivalMs, 1);
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
    this.#context.stats.answered(status);
    return ANSWERED;
  }
}
