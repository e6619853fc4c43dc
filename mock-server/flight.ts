import type { Behaviour, Decision } from './behaviour.ts';
import type { CapacityGate, GateTicket, SlotHolder } from './capacity-gate.ts';
import { monotonicMs } from './clock.ts';
import type { DeadlineTimer, ScheduledCall } from './deadline-timer.ts';
import { CONTENT_TYPES, payloadBody, wireBody } from './payload.ts';
import { SERVER_TIMING_HEADER, formatServerTiming } from './server-timing.ts';
import type { ResponseSink } from './sink.ts';
import type { ServerStats } from './stats.ts';
import type { PhaseClock } from './phase-clock.ts';
import type { RequestRecord } from './request-record.ts';
import type { RequestIdentity } from '../common/request-identity.ts';

export interface FlightContext {
  readonly behaviour: Behaviour;
  readonly gate: CapacityGate;
  readonly stats: ServerStats;
  readonly timer: DeadlineTimer;
  readonly phases: PhaseClock;
  readonly record: RequestRecord | undefined;
}

/** Slow bodies go out in ticks of this many ms. */
const BODY_TICK_MS = 10;

/**
 * One admitted request from its capacity slot (or its place in the queue) to its answer or fault. A class,
 * not closures, because this runs for every request and the server must keep up with plain node:http.
 * Latency runs from the slot, against the slot's time, so queue wait is reported apart in Server-Timing.
 */
export class Flight implements SlotHolder {
  readonly #context: FlightContext;
  readonly #sink: ResponseSink;
  readonly #decision: Decision;
  readonly #arrivalMs: number;
  readonly #identity: RequestIdentity | undefined;
  readonly #phase: number;
  #state: 'queued' | 'serving' | 'done' = 'queued';
  #slotMs = 0;
  /** When the behaviour model wants the answer written: the slot + service time, or the end of a pause. */
  #deadlineMs = 0;
  #pending: ScheduledCall | undefined;
  #ticket: GateTicket | undefined;

  constructor(
    context: FlightContext,
    sink: ResponseSink,
    decision: Decision,
    arrivalMs: number,
    identity: RequestIdentity | undefined,
    phase: number,
  ) {
    this.#context = context;
    this.#sink = sink;
    this.#decision = decision;
    this.#arrivalMs = arrivalMs;
    this.#identity = identity;
    this.#phase = phase;
  }

  /** Joins the gate; false when the queue is full (nothing was written). */
  board(): boolean {
    this.#ticket = this.#context.gate.enter(this);
    if (!this.#ticket) return false;
    if (this.#ticket.waiting) this.#context.stats.queueLength(this.#context.gate.waiting);
    return true;
  }

  get done(): boolean {
    return this.#state === 'done';
  }

  onSlot(): void {
    const { behaviour, stats, gate, timer } = this.#context;
    this.#state = 'serving';
    this.#slotMs = monotonicMs();
    stats.queueLength(gate.waiting);
    stats.begin();
    if (this.#decision.fault === 'stall') {
      stats.faulted('stall');
      this.#recordAnswer(0, this.#slotMs);
      return;
    }
    // The gate counts this request among those holding a slot already: n includes itself.
    const serviceMs = behaviour.serviceMs(this.#decision, gate.active);
    this.#deadlineMs = this.#slotMs + Math.max(0, serviceMs);
    if (serviceMs <= 0) this.#answer();
    else this.#pending = timer.at(this.#deadlineMs, () => this.#answer());
  }

  /** The client went away (timeout, abort, closed socket) before the answer was complete. */
  clientGone(): void {
    if (this.#state === 'done') return;
    const { stats, gate } = this.#context;
    stats.aborted();
    if (this.#state === 'queued') {
      this.#ticket?.cancel();
      this.#state = 'done';
      stats.queueLength(gate.waiting);
      return;
    }
    this.#pending?.cancel();
    this.#finish();
  }

  #answer(): void {
    const { stats, phases, timer } = this.#context;
    const headMs = monotonicMs();
    // A pause (a phase's GC-like stall) holds every answer due in it until its end.
    if (headMs < phases.pausedUntilMs) {
      this.#deadlineMs = phases.pausedUntilMs;
      this.#pending = timer.at(phases.pausedUntilMs, () => this.#answer());
      return;
    }
    this.#pending = undefined;
    const decision = this.#decision;
    if (decision.fault === 'reset') {
      stats.faulted('reset');
      this.#recordAnswer(0, headMs);
      this.#sink.reset();
      this.#finish();
      return;
    }
    if (decision.fault === 'error') stats.faulted('error');
    const slow = decision.bodyBytesPerSecond !== undefined || decision.firstByteDelayMs > 0;
    const body = slow ? payloadBody(decision.payload, decision.bodyBytes) : wireBody(decision.payload, decision.bodyBytes);
    const lateMs = headMs - this.#deadlineMs;
    this.#sink.head(decision.status, {
      'content-type': CONTENT_TYPES[decision.payload],
      'content-length': String(body.length),
      [SERVER_TIMING_HEADER]: formatServerTiming(this.#slotMs - this.#arrivalMs, headMs - this.#slotMs, lateMs),
    });
    stats.answered(decision.status, lateMs);
    this.#recordAnswer(decision.status, headMs);
    if (typeof body === 'string' || !slow) {
      this.#sink.end(body);
      this.#finish();
      return;
    }
    this.#sink.flush();
    this.#sendSlowly(body, headMs + decision.firstByteDelayMs, decision.bodyBytesPerSecond);
  }

  /** Slow first byte and/or slow body: chunks at `bytesPerSecond` from `firstByteMs`. */
  #sendSlowly(body: Buffer, firstByteMs: number, bytesPerSecond: number | undefined): void {
    const chunkBytes = bytesPerSecond === undefined ? body.length : Math.max(1, Math.ceil((bytesPerSecond * BODY_TICK_MS) / 1000));
    let sent = 0;
    const tick = (): void => {
      const next = Math.min(body.length, sent + chunkBytes);
      if (next >= body.length) {
        this.#pending = undefined;
        this.#sink.end(body.subarray(sent));
        this.#finish();
        return;
      }
      this.#sink.write(body.subarray(sent, next));
      sent = next;
      this.#pending = this.#context.timer.at(firstByteMs + (bytesPerSecond === undefined ? 0 : (sent / bytesPerSecond) * 1000), tick);
    };
    this.#pending = this.#context.timer.at(firstByteMs, tick);
  }

  #recordAnswer(status: number, atMs: number): void {
    const { record, phases } = this.#context;
    if (!record) return;
    const { latencyMs, fault } = this.#decision;
    record.add(this.#identity, this.#phase, latencyMs, fault, status, phases.sinceOriginMs(this.#arrivalMs), phases.sinceOriginMs(atMs));
  }

  // In flight ends when the answer is written, not when the socket flushes: the client may already be
  // sending its next request, and counting both would overstate what the client has in flight.
  #finish(): void {
    const { stats, gate } = this.#context;
    this.#state = 'done';
    stats.end();
    gate.release();
    stats.queueLength(gate.waiting);
  }
}
