import type { RequestSpec } from '../../runners/request-spec.ts';
import type { RunTarget } from '../../results/types.ts';

/** Limits every run against a remote target is held to; defaults in REMOTE_CAP_DEFAULTS. */
export interface RemoteCaps {
  /** Requests per second over all runners' workers together. */
  readonly maxRatePerSecond: number;
  /** Requests a run may send at most (retries counted as their worst case). */
  readonly maxRequests: number;
  /** Error rate of a level above which the run stops. */
  readonly maxErrorRate: number;
  /** A level's p99 above this many times the first level's stops the run. */
  readonly maxP99Factor: number;
}

export const REMOTE_CAP_DEFAULTS: RemoteCaps = { maxRatePerSecond: 50, maxRequests: 2_000, maxErrorRate: 0.05, maxP99Factor: 10 };

/** A run against the user's own service instead of the mock server. */
export interface TargetRun {
  readonly url: URL;
  /** scheme://host:port, where the runners send their requests. */
  readonly origin: string;
  /** Path and query of every request. */
  readonly path: string;
  readonly request: RequestSpec;
  readonly remote: boolean;
  /** Set for a remote target (always) or when a cap flag was given for a loopback one. */
  readonly caps: RemoteCaps | undefined;
  /** What results.json records: secrets redacted. */
  readonly record: RunTarget;
}
