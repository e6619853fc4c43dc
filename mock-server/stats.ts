export interface ServerStatsSnapshot {
  readonly served: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly byStatus: Readonly<Record<string, number>>;
}

/** Counters the server keeps so tests and the harness can check limits from the server's side. */
export class ServerStats {
  #served = 0;
  #inFlight = 0;
  #maxInFlight = 0;
  #byStatus: Record<string, number> = {};

  begin(): void {
    this.#inFlight += 1;
    if (this.#inFlight > this.#maxInFlight) this.#maxInFlight = this.#inFlight;
  }

  end(status: number | undefined): void {
    this.#inFlight -= 1;
    if (status === undefined) return;
    this.#served += 1;
    const key = String(status);
    this.#byStatus[key] = (this.#byStatus[key] ?? 0) + 1;
  }

  reset(): void {
    this.#served = 0;
    this.#maxInFlight = this.#inFlight;
    this.#byStatus = {};
  }

  snapshot(): ServerStatsSnapshot {
    return { served: this.#served, inFlight: this.#inFlight, maxInFlight: this.#maxInFlight, byStatus: { ...this.#byStatus } };
  }
}
