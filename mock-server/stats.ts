import { FAULTS, type Fault } from './behaviour.ts';
import { LatenessRecord, mergeLateness, type ServerLateness } from './lateness.ts';

export interface ServerStatsSnapshot {
  /** Requests answered with a status (any status, including 429 and 503). */
  readonly served: number;
  /** Requests being served: holding a capacity slot, from the slot to the answer being written. */
  readonly inFlight: number;
  /** Most requests in flight at once since the last reset (with workers > 1: the sum of each worker's peak). */
  readonly maxInFlight: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Requests that reached the mock route (not /__stats or /__reset). */
  readonly received: number;
  /** Requests waiting for a capacity slot now, and the most that ever waited at once. */
  readonly queued: number;
  readonly queueHighWater: number;
  readonly byFault: Readonly<Record<Fault, number>>;
  /** Requests whose client went away before the answer (stalled ones included). */
  readonly aborted: number;
  /** Server processes these figures add up. */
  readonly workers: number;
  /** How late every answer counted in `served` was written (see lateness.ts). */
  readonly lateness: ServerLateness;
}

/** Counters the server keeps so tests and the harness can check limits from the server's side. */
export class ServerStats {
  #served = 0;
  #inFlight = 0;
  #maxInFlight = 0;
  #byStatus: Record<string, number> = {};
  #received = 0;
  #queued = 0;
  #queueHighWater = 0;
  #byFault: Record<Fault, number> = zeroFaults();
  #aborted = 0;
  readonly #lateness = new LatenessRecord();

  received(): void {
    this.#received += 1;
  }

  queueLength(waiting: number): void {
    this.#queued = waiting;
    if (waiting > this.#queueHighWater) this.#queueHighWater = waiting;
  }

  begin(): void {
    this.#inFlight += 1;
    if (this.#inFlight > this.#maxInFlight) this.#maxInFlight = this.#inFlight;
  }

  end(): void {
    this.#inFlight -= 1;
  }

  /** `lateMs`: the write time minus the answer's deadline (negative: early). */
  answered(status: number, lateMs: number): void {
    this.#served += 1;
    this.#lateness.record(lateMs);
    const key = String(status);
    this.#byStatus[key] = (this.#byStatus[key] ?? 0) + 1;
  }

  faulted(fault: Fault): void {
    this.#byFault[fault] += 1;
  }

  aborted(): void {
    this.#aborted += 1;
  }

  reset(): void {
    this.#served = 0;
    this.#maxInFlight = this.#inFlight;
    this.#byStatus = {};
    this.#received = 0;
    this.#queueHighWater = this.#queued;
    this.#byFault = zeroFaults();
    this.#aborted = 0;
    this.#lateness.reset();
  }

  snapshot(): ServerStatsSnapshot {
    return {
      served: this.#served,
      inFlight: this.#inFlight,
      maxInFlight: this.#maxInFlight,
      byStatus: { ...this.#byStatus },
      received: this.#received,
      queued: this.#queued,
      queueHighWater: this.#queueHighWater,
      byFault: { ...this.#byFault },
      aborted: this.#aborted,
      workers: 1,
      lateness: this.#lateness.snapshot(),
    };
  }
}

function zeroFaults(): Record<Fault, number> {
  return { error: 0, reset: 0, stall: 0 };
}

/** Adds up the snapshots of several workers; peaks add up too, so maxInFlight is an upper bound; lateness merges exactly. */
export function mergeSnapshots(snapshots: readonly ServerStatsSnapshot[]): ServerStatsSnapshot {
  const byStatus: Record<string, number> = {};
  const byFault = zeroFaults();
  for (const snapshot of snapshots) {
    for (const [status, count] of Object.entries(snapshot.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + count;
    for (const fault of FAULTS) byFault[fault] += snapshot.byFault[fault];
  }
  const sum = (pick: (snapshot: ServerStatsSnapshot) => number): number => snapshots.reduce((total, s) => total + pick(s), 0);
  return {
    served: sum((s) => s.served),
    inFlight: sum((s) => s.inFlight),
    maxInFlight: sum((s) => s.maxInFlight),
    byStatus,
    received: sum((s) => s.received),
    queued: sum((s) => s.queued),
    queueHighWater: sum((s) => s.queueHighWater),
    byFault,
    aborted: sum((s) => s.aborted),
    workers: sum((s) => s.workers),
    lateness: mergeLateness(snapshots.map((s) => s.lateness)),
  };
}
