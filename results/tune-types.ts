import type { Environment, RunnerFacts, RunTarget, ThresholdReport } from './types.ts';
import type { ServerProfile } from '../mock-server/profile.ts';
import type { ClientConfig } from '../runners/client-config.ts';
import type { AdaptiveLimiterId } from '../runners/limiters/types.ts';
import type { RunnerId } from '../runners/types.ts';

/**
 * tune.json: bump on any incompatible change (2: `throughput` was the fastest batch; 3: `throughput` is requests / mean
 * wall as in bench's results.json, the fastest batch is `throughputBest`, the interval optional; 4: the USL fits
 * `usl`, every point's `littleInFlight`, sweep kind `fit`, the client-side latency `probe` of a --target, and the
 * adaptive limiters' ceiling 4x the recommendation instead of the sweep's max). A version 3 file reads as a 4 without them; 5: `limits` is `slo` with `p99Ms`, a recommendation's `meetsLimits` is
 * `meetsSlo`, and the file carries its `runners`' facts as results.json does). The loader (results/load-tune.ts)
 * reads versions 3 to 5.
 */
export const TUNE_SCHEMA_VERSION = 5;

/** What a setting must meet to be recommended. */
export interface TuneSlo {
  readonly p99Ms: number;
  /** Fraction of requests that may still fail after retries. */
  readonly maxErrorRate: number;
}

/** How far and how long the sweeps go. */
export interface SweepBounds {
  readonly maxConcurrency: number;
  /** Largest worker-thread or child-process pool tried at the fixed total in flight. */
  readonly maxPoolSize: number;
  /** Pool size of the concurrency sweep of worker-threads and child-process. */
  readonly basePoolSize: number;
  /** Requests per batch = in flight x rounds, so every lane does the same number of requests. */
  readonly rounds: number;
  readonly iterations: number;
  readonly warmupIterations: number;
}

/**
 * Which sweep measured a point: geometric levels, bisection near the knee, a level added below the knee so the USL
 * fit has enough of them, the level past the model's peak that confirms a fall (or not; never a recommendation),
 * pool size, or Agent connections/pipelining.
 */
export type SweepKind = 'concurrency' | 'refine' | 'fit' | 'confirm' | 'pool' | 'agent';

/** The knobs of one measured setting; threads/processes only for the pool runners, connections/pipelining only for promise-concurrent's Agent sweep. */
export interface Setting {
  readonly concurrency: number;
  readonly poolSize?: number | undefined;
  readonly connections?: number | undefined;
  readonly pipelining?: number | undefined;
}

export interface TunePoint extends Setting {
  readonly runner: RunnerId;
  readonly sweep: SweepKind;
  readonly label: string;
  readonly requests: number;
  readonly iterations: number;
  /**
   * Requests per second, requests / mean wall: the same statistic as bench's `throughput.mean`, so a tune point and
   * a bench row of one setting agree. The fastest batch (least disturbed by other work on the machine) and the 95%
   * interval of the per-iteration throughputs (from 5 iterations) stand beside it.
   */
  readonly throughput: number;
  readonly throughputBest: number;
  readonly throughputCi95?: readonly [number, number] | undefined;
  /**
   * Little's law: requests on the wire / the unloaded latency (the scenario's, or the --target's probed from the
   * client), what a client without overhead would get from a server without limits; undefined at zero latency.
   */
  readonly littleThroughput: number | undefined;
  /**
   * Little's law the other way, as a check: throughput x mean latency, the requests the client actually kept in
   * flight (absent in files before version 4).
   */
  readonly littleInFlight?: number | undefined;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly errorRate: number;
  readonly retries: number;
  readonly rateLimited: number;
  /** Mean time a request waited in the server's capacity queue. */
  readonly serverQueueMs: number;
  /**
   * Mean time the server took to serve a request once it started, from its Server-Timing (0 without it; absent in
   * files before version 4): a server that slows as more are in service shows it growing.
   */
  readonly serverServeMs?: number | undefined;
  readonly clientSaturated: string | undefined;
}

/** Why a concurrency sweep ended. */
export type StopReason = 'plateau' | 'falling' | 'slo' | 'errors' | 'max' | 'interrupted' | 'failed';

export interface SweepEnd {
  readonly runner: RunnerId;
  readonly reason: StopReason;
  /** The level that triggered the stop. */
  readonly atConcurrency: number;
  readonly message?: string | undefined;
}

export interface Recommendation {
  readonly runner: RunnerId;
  readonly concurrency: number;
  readonly threads?: number | undefined;
  readonly processes?: number | undefined;
  readonly connections?: number | undefined;
  readonly pipelining?: number | undefined;
  readonly throughput: number;
  readonly littleThroughput: number | undefined;
  readonly p99Ms: number;
  /** False when no measured setting met the SLO and error limit: the setting shown is the least bad one. */
  readonly meetsSlo: boolean;
  readonly reason: string;
}

/**
 * An adaptive limiter with a ceiling of 4x the recommended static limit, beside the runner's recommended static
 * setting: throughput and p99 as shares of that setting's, and where its limit settled (summed over a pool's workers).
 */
export interface AdaptiveOutcome {
  readonly runner: RunnerId;
  readonly limiter: AdaptiveLimiterId;
  /** The ceiling it was given: 4x the recommended static limit, at most the sweep's max concurrency. */
  readonly maxConcurrency: number;
  readonly throughput: number;
  /** Little's law: throughput x mean latency, the requests it kept in flight on average (absent before version 4). */
  readonly littleInFlight?: number | undefined;
  readonly p99Ms: number;
  /** throughput / the recommended static setting's throughput. */
  readonly throughputShare: number;
  /** p99 / the recommended static setting's p99. */
  readonly p99Ratio: number;
  readonly settledLimit: number | undefined;
  readonly errorRate: number;
}

/** One open-loop rate tried by the sustainable-rate sweep (`--open-loop`); latencies from the intended start unless named service. */
export interface RatePoint {
  readonly runner: RunnerId;
  readonly sweep: 'rate';
  /** The runner's in-flight limit (its recommended concurrency). */
  readonly limit: number;
  readonly label: string;
  readonly offeredRate: number;
  readonly achievedRate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly serviceP99Ms: number;
  readonly errorRate: number;
  /** Arrivals never sent (queue full or expired). */
  readonly dropped: number;
  /** p99 within the SLO, errors within the limit, achieved >= 95% of offered. */
  readonly sustainable: boolean;
}

/** The highest offered rate a runner sustained at its limit (0: none tried did), with its p99 from the intended start. */
export interface SustainableRate {
  readonly runner: RunnerId;
  readonly limit: number;
  readonly rate: number;
  readonly p99Ms: number;
}

/** The --target's latency timed by the client before the sweep (a foreign service sends no Server-Timing). */
export interface LatencyProbe {
  /** Requests timed, one after another, after one untimed request that opens the connection. */
  readonly requests: number;
  /** The unloaded latency tune uses: a hiccup of a busy host moves the mean of ten requests, not their median. */
  readonly medianMs: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** A runner's Universal Scalability Law fit as tune.json records it (see usl-fit.ts for each field). */
export interface UslRecord {
  readonly runner: RunnerId;
  readonly sigma: number;
  readonly kappa: number;
  readonly lambda: number;
  readonly sigmaError: number;
  readonly kappaError: number;
  readonly lambdaError: number;
  /** kappa's 95% interval: "no retrograde region" when it reaches 0. */
  readonly kappaInterval: readonly [number, number];
  readonly r2: number;
  readonly levels: number;
  readonly highestLevel: number;
  readonly retrograde: boolean;
  readonly flatBecause?: 'kappa-zero' | 'no-measured-fall' | undefined;
  readonly modelPeakConcurrency?: number | undefined;
  /** N*, absent when there is no retrograde region. */
  readonly peakConcurrency?: number | undefined;
  readonly peakThroughput?: number | undefined;
  readonly limitedBy: 'contention' | 'coherency';
}

/** A runner tune did not fit, and why, in one line. */
export interface UslSkip {
  readonly runner: RunnerId;
  readonly reason: string;
}

export interface TuneFile {
  readonly schemaVersion: typeof TUNE_SCHEMA_VERSION;
  readonly kind: 'tune';
  readonly tool: { readonly name: 'concurrency-bench'; readonly version: string };
  readonly environment: Environment;
  /** What the reports know of each runner: its registry entry (results/runner-facts.ts). */
  readonly runners: readonly RunnerFacts[];
  readonly run: { readonly seed: number | undefined; readonly startedAt: string; readonly finishedAt: string; readonly complete: boolean };
  readonly scenario: {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly meanLatencyMs: number;
    readonly server: ServerProfile;
    readonly client: ClientConfig;
  };
  readonly slo: TuneSlo;
  readonly bounds: SweepBounds;
  readonly recommendations: readonly Recommendation[];
  readonly sweeps: readonly SweepEnd[];
  readonly points: readonly TunePoint[];
  /** Each adaptive limiter per runner (absent in files from before the limiter dimension). */
  readonly adaptive?: readonly AdaptiveOutcome[] | undefined;
  /** With `--open-loop`: per runner, the highest rate sustained at its recommended limit, and every rate tried. */
  readonly sustainable?: readonly SustainableRate[] | undefined;
  readonly ratePoints?: readonly RatePoint[] | undefined;
  /** The user's service tune measured (`--target`, loopback only); absent: the mock server. */
  readonly target?: RunTarget | undefined;
  /** Each --threshold against every runner's recommended setting. */
  readonly thresholds?: readonly ThresholdReport[] | undefined;
  /** The --target's latency from the client, behind its batch sizes, SLO and Little's law (absent: the scenario's latency). */
  readonly probe?: LatencyProbe | undefined;
  /** The USL fit of each runner's concurrency sweep, and the runners with none (absent in files before version 4). */
  readonly usl?: readonly UslRecord[] | undefined;
  readonly uslSkipped?: readonly UslSkip[] | undefined;
}
