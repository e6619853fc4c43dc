import FlatQueue from 'flatqueue';
import { seededRandom } from '../../mock-server/random.ts';
import type { LimitAlgorithm } from '../../runners/limiters/algorithm.ts';
import { LimitTrace, settledLimit } from '../../runners/limiters/trace.ts';
import type { LimitSample } from '../../runners/limiters/types.ts';

/**
 * A discrete-event simulation of a closed-loop client driving a pure limit algorithm against a server with a
 * fixed capacity, in simulated milliseconds (as Vector's adaptive-concurrency tests do), so results do not
 * depend on this machine's clock or load.
 */
export interface SimulatedServer {
  /** Requests the server serves at once. */
  readonly capacity: number;
  readonly serviceMs: number;
  /** Above capacity: `queue` (FIFO, so the RTT grows) or `reject` (429 after `rejectMs`). */
  readonly overload: 'queue' | 'reject';
  readonly rejectMs?: number;
  /** Service time is serviceMs * U[1 - jitter, 1 + jitter] (seeded). */
  readonly jitter?: number;
  readonly seed?: number;
}

export interface Simulation {
  readonly trace: readonly LimitSample[];
  /** Time-weighted mean limit over the second half of the simulated time. */
  readonly settled: number;
  readonly elapsedMs: number;
  readonly meanRttMs: number;
  readonly rejected: number;
  /** The most in flight at the client at once, and whether a start ever exceeded the algorithm's limit. */
  readonly peakInFlight: number;
  readonly overLimitStarts: number;
}

interface InFlight {
  readonly startedMs: number;
  readonly inFlightAtStart: number;
  readonly rejected: boolean;
}

export function simulate(algorithm: LimitAlgorithm, server: SimulatedServer, requests: number): Simulation {
  const random = seededRandom(server.seed ?? 7);
  const jitter = server.jitter ?? 0.05;
  const slotsFreeAt = Array.from({ length: server.capacity }, () => 0);
  const events = new FlatQueue<InFlight>();
  const trace = new LimitTrace();
  let now = 0;
  let started = 0;
  let inFlight = 0;
  let serverBusy = 0;
  let peakInFlight = 0;
  let overLimitStarts = 0;
  let rejected = 0;
  let rttSum = 0;

  const serviceTime = (): number => server.serviceMs * (1 - jitter + 2 * jitter * random());
  const send = (): void => {
    inFlight += 1;
    started += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    if (inFlight > algorithm.limit) overLimitStarts += 1;
    algorithm.onStart?.(inFlight, now);
    if (server.overload === 'reject') {
      const reject = serverBusy >= server.capacity;
      if (!reject) serverBusy += 1;
      events.push({ startedMs: now, inFlightAtStart: inFlight, rejected: reject }, now + (reject ? (server.rejectMs ?? 1) : serviceTime()));
      return;
    }
    let slot = 0;
    for (let i = 1; i < slotsFreeAt.length; i += 1) if ((slotsFreeAt[i] ?? 0) < (slotsFreeAt[slot] ?? 0)) slot = i;
    const done = Math.max(now, slotsFreeAt[slot] ?? 0) + serviceTime();
    slotsFreeAt[slot] = done;
    events.push({ startedMs: now, inFlightAtStart: inFlight, rejected: false }, done);
  };
  const fill = (): void => {
    while (started < requests && inFlight < algorithm.limit) send();
  };

  trace.record(now, algorithm.limit, 0);
  fill();
  while (events.length > 0) {
    const doneAt = events.peekValue() ?? now;
    const request = events.pop() as InFlight;
    now = doneAt;
    inFlight -= 1;
    if (request.rejected) rejected += 1;
    else if (server.overload === 'reject') serverBusy -= 1;
    const rttMs = now - request.startedMs;
    rttSum += rttMs;
    const before = algorithm.limit;
    const limit = algorithm.onSample({
      rttMs,
      inFlight: request.inFlightAtStart,
      backpressure: request.rejected,
      ok: !request.rejected,
      nowMs: now,
    });
    if (limit !== before) trace.record(now, limit, inFlight);
    fill();
  }
  trace.record(now, algorithm.limit, 0);
  const samples = trace.samples();
  return {
    trace: samples,
    settled: settledLimit(samples) ?? algorithm.limit,
    elapsedMs: now,
    meanRttMs: requests > 0 ? rttSum / requests : 0,
    rejected,
    peakInFlight,
    overLimitStarts,
  };
}
