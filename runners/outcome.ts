import { createLatencyHistogram, decodeHistogram, encodeHistogram, recordLatencyMs, type LatencyHistogram } from '../harness/histogram.ts';
import type { ErrorKind } from './error-kind.ts';
import type { ResponseRecord } from './http-client.ts';

/** CPU and memory a worker process reports about itself (threads share the main process's figures). */
export interface ProcessUsage {
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  readonly maxRssBytes: number;
}

export interface OutcomeCounts {
  readonly requests: number;
  readonly ok: number;
  readonly bytes: number;
  readonly errorsByKind: Readonly<Partial<Record<ErrorKind, number>>>;
  readonly statusCounts: Readonly<Record<string, number>>;
}

/** What one batch (or one worker's share of it) produced: counts plus a latency histogram. */
export interface BatchOutcome extends OutcomeCounts {
  readonly latency: LatencyHistogram;
  /** Usage of separate processes that did the work (child-process runner); empty for in-process runners. */
  readonly processes: readonly ProcessUsage[];
}

/** The same, encoded for a worker or IPC boundary: histograms travel as compressed base64, never as samples. */
export interface BatchOutcomeWire extends OutcomeCounts {
  readonly latency: string;
  readonly processes: readonly ProcessUsage[];
}

export class OutcomeRecorder {
  readonly #latency = createLatencyHistogram();
  #requests = 0;
  #ok = 0;
  #bytes = 0;
  readonly #errorsByKind: Partial<Record<ErrorKind, number>> = {};
  readonly #statusCounts: Record<string, number> = {};

  record(latencyMs: number, response: ResponseRecord): void {
    recordLatencyMs(this.#latency, latencyMs);
    this.#requests += 1;
    this.#bytes += response.bytes;
    const status = String(response.status);
    this.#statusCounts[status] = (this.#statusCounts[status] ?? 0) + 1;
    if (response.errorKind === undefined) this.#ok += 1;
    else this.#errorsByKind[response.errorKind] = (this.#errorsByKind[response.errorKind] ?? 0) + 1;
  }

  finish(processes: readonly ProcessUsage[] = []): BatchOutcome {
    return {
      requests: this.#requests,
      ok: this.#ok,
      bytes: this.#bytes,
      errorsByKind: this.#errorsByKind,
      statusCounts: this.#statusCounts,
      latency: this.#latency,
      processes,
    };
  }
}

export function toWire(outcome: BatchOutcome): BatchOutcomeWire {
  return { ...outcome, latency: encodeHistogram(outcome.latency) };
}

export function fromWire(wire: BatchOutcomeWire): BatchOutcome {
  return { ...wire, latency: decodeHistogram(wire.latency) };
}

/** Several workers' shares of one batch make one batch outcome. */
export function mergeOutcomes(parts: readonly BatchOutcome[]): BatchOutcome {
  const latency = createLatencyHistogram();
  const errorsByKind: Partial<Record<ErrorKind, number>> = {};
  const statusCounts: Record<string, number> = {};
  let requests = 0;
  let ok = 0;
  let bytes = 0;
  for (const part of parts) {
    latency.add(part.latency);
    requests += part.requests;
    ok += part.ok;
    bytes += part.bytes;
    addCounts(errorsByKind, part.errorsByKind);
    addCounts(statusCounts, part.statusCounts);
  }
  return { requests, ok, bytes, errorsByKind, statusCounts, latency, processes: parts.flatMap((p) => p.processes) };
}

export function addCounts<K extends string>(into: Partial<Record<K, number>>, from: Readonly<Partial<Record<K, number>>>): void {
  for (const [key, count] of Object.entries(from) as [K, number | undefined][]) {
    into[key] = (into[key] ?? 0) + (count ?? 0);
  }
}
