import type { CompletedResult, RunnerResult } from '../../results/types.ts';
import type { RemoteCaps } from './types.ts';

/** Failed requests over first tries: how hard the service pushed back at a level. */
function errorRate(result: CompletedResult): number {
  return result.errors.total / Math.max(1, result.attempts.firstTries);
}

/**
 * Watches a capped target run level by level and names the first sign of distress: an error rate above the cap,
 * or a p99 more than maxP99Factor times the first level's. Once it has spoken the run stops.
 */
export class DistressMonitor {
  readonly #caps: RemoteCaps;
  #firstP99: number | undefined;
  stoppedBy: string | undefined;

  constructor(caps: RemoteCaps) {
    this.#caps = caps;
  }

  check(result: RunnerResult): string | undefined {
    if (this.stoppedBy !== undefined || result.state !== 'completed') return this.stoppedBy;
    const rate = errorRate(result);
    const label = `${result.label} at ${result.concurrency} in flight`;
    if (rate > this.#caps.maxErrorRate) {
      this.stoppedBy = `${label}: error rate ${(rate * 100).toFixed(1)}% is above --max-error-rate ${(this.#caps.maxErrorRate * 100).toFixed(1)}%`;
      return this.stoppedBy;
    }
    const p99 = result.latencyMs.p99;
    if (this.#firstP99 === undefined) this.#firstP99 = p99;
    else if (this.#firstP99 > 0 && p99 > this.#caps.maxP99Factor * this.#firstP99) {
      this.stoppedBy = `${label}: p99 ${p99.toFixed(1)} ms is above ${this.#caps.maxP99Factor}x the first level's ${this.#firstP99.toFixed(1)} ms`;
    }
    return this.stoppedBy;
  }
}
