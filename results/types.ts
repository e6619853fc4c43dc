import type { LatencyPercentilesMs } from '../common/histogram.ts';
import type { ErrorKind } from '../runners/error-kind.ts';
import type { LimiterId } from '../runners/limiters/types.ts';
import type { RunnerId } from '../runners/types.ts';
import type { ClientConfig } from '../runners/client-config.ts';
import type { CpuWork } from '../runners/work.ts';
import type { ServerProfile } from '../mock-server/profile.ts';

/** What the numbers were measured on: without it, results cannot be compared. */
export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly release: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly packages: Readonly<Record<string, string>>;
  readonly gitCommit: string | undefined;
}

/** Which limit sets the closed-form bound: requests in flight x latency, CPU work over the cores, server capacity or rate limit. */
export type IdealLimit = 'latency' | 'cpu' | 'capacity' | 'rate-limit';

/**
 * The resource that took most of the exact ideal's critical lane (harness/ideal/replay): the server's latency, CPU work,
 * capacity, rate limit, retries (faults, backoff, Retry-After) or body bytes over the loopback.
 */
export type ExactIdealLimit = 'latency' | 'cpu' | 'capacity' | 'rate-limit' | 'retries' | 'bytes';

/** What this host adds to every exchange, measured per scenario before its levels (harness/ideal/host-probe.ts). */
export interface HostFigures {
  /** What one exchange costs beyond the server's own time: the 10th percentile of 60 small answers at 0 ms. */
  readonly roundTripFloorMs: number;
  /** Loopback bandwidth on 4 MiB bodies; undefined when it could not be measured (bodies then cost nothing). */
  readonly bytesPerMs: number | undefined;
  /** The same floor probed again after the scenario's levels: far from the first, the machine moved meanwhile. */
  readonly floorAfterMs?: number | undefined;
}

/** results.json: the contract every renderer reads. Bump on any incompatible change. */
export const SCHEMA_VERSION = 3;

interface SummaryStats {
  readonly mean: number;
  readonly stdev: number;
  readonly min: number;
  readonly max: number;
}

/**
 * How an adaptive limiter's limit (a pool's: its workers' limits summed) moved during a level: `samples` from the
 * measured batches (ms from the level's first batch, warm-ups included; at most ~200), `settled` their
 * time-weighted mean over the second half, `convergeMs` the time from the level's first batch until the limit
 * stayed within 20% of `settled` (absent when it never did).
 */
export interface LimitTrace {
  readonly samples: readonly { readonly atMs: number; readonly limit: number }[];
  readonly settled: number;
  readonly convergeMs?: number | undefined;
}

/** How a level spread over the model's workers: `workers` threads or processes (1 for one loop) of `lanes` each. */
export interface LevelLayout {
  readonly workers: number;
  /** Requests in flight per worker (the largest share when the split is uneven). */
  readonly lanes: number;
  /** Requests in flight at most, all workers together. */
  readonly inFlight: number;
}

/** The mock server's own punctuality during a level: how late its answers went out after their deadlines. */
interface ServerLateness {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The whole level a segment's row is a share of: requests in flight, and the offered rate in open loop. */
export interface SegmentLevel {
  readonly concurrency: number;
  readonly rate?: number | undefined;
}

/** Something in a row's figures a careful reader should know before trusting it (hyperfine's warnings). */
export interface ResultWarning {
  readonly kind: 'first-iteration-outlier' | 'outliers' | 'few-iterations' | 'little-gap' | 'host-bound-tail';
  readonly message: string;
}

export interface CompletedResult {
  readonly state: 'completed';
  readonly runner: RunnerId;
  /** How the requests in flight were limited; absent: `lanes`, the default. */
  readonly limiter?: LimiterId | undefined;
  /** `promise-concurrent 1x50`, or `promise-concurrent/p-limit 1x50` with a limiter: a display label. */
  readonly label: string;
  /** The row's identity with runner and limiter: how the level was spread. */
  readonly layout: LevelLayout;
  /** Requests in flight at most. */
  readonly concurrency: number;
  readonly requests: number;
  readonly iterations: number;
  readonly startupMs: number;
  readonly wallMs: SummaryStats;
  /**
   * Goodput, successful answers (2xx or 3xx after retries) per second: `mean` = answered requests per batch / mean
   * wall (consistent with wallMs), `stdev` and `ci95` from the per-iteration figures (Student's t; no interval below
   * 5 iterations; never below zero), `best` = the best batch. Failed requests are not throughput.
   */
  readonly throughput: {
    readonly mean: number;
    readonly stdev: number;
    readonly ci95?: readonly [number, number] | undefined;
    readonly best: number;
  };
  /** Requests (each once, whatever its retries) and tries per second, answered or not: beside the goodput. */
  readonly sendRate: { readonly requests: number; readonly attempts: number };
  /** Requests that still failed after retries, over requests. */
  readonly errorRate: number;
  readonly latencyMs: LatencyPercentilesMs;
  /** What each measured iteration did, in order: exact merges of segments and paired comparisons use them. */
  readonly perIteration: {
    readonly wallMs: readonly number[];
    /** Requests answered 2xx/3xx. */
    readonly ok: readonly number[];
    readonly requests: readonly number[];
  };
  /** The merged HDR histograms of the measured iterations, encoded (compressed base64): they merge exactly. */
  readonly histograms: { readonly latency: string; readonly service?: string | undefined };
  /** Requests that still failed after retries, by kind; retries are counted apart from first tries. */
  readonly errors: { readonly total: number; readonly byKind: Readonly<Partial<Record<ErrorKind, number>>> };
  readonly attempts: { readonly firstTries: number; readonly retries: number };
  /** Mean time per request by where it went (see TimeSplit); serverQueue/serverServe need the mock server's Server-Timing. */
  readonly latencySplitMs: {
    readonly slotWait: number;
    readonly serverQueue: number;
    readonly serverServe: number;
    readonly rest: number;
    readonly backoff: number;
    readonly work: number;
  };
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly bytesPerBatch: number;
  /**
   * The exact ideal: mean makespan of a zero-overhead replay of the measured batches (same lanes, per-request
   * latencies and faults, server capacity, queue and token bucket, seeded retries, CPU work, the host's floor).
   * The ideal fields are absent against a --target: without a model of the server there is none (reports show n/a).
   */
  readonly idealWallMs?: number | undefined;
  readonly idealLimitedBy?: ExactIdealLimit | undefined;
  /** The closed-form bound from mean latency, in flight, capacity, rate limit and CPU work: a looser reference. */
  readonly boundWallMs?: number | undefined;
  /** Which limit sets the bound: requests in flight x latency, CPU work over the cores, server capacity or rate limit. */
  readonly boundLimitedBy?: IdealLimit | undefined;
  /** idealWallMs / wallMs.mean: a client without overhead scores about 1. */
  readonly efficiency?: number | undefined;
  /** Set when the measured wall beat the exact ideal by more than 2%: the ideal missed something; efficiency then means nothing. */
  readonly idealInvalid?: { readonly reason: string } | undefined;
  /** wallMs.mean - idealWallMs: what the model itself added to each batch (negative within noise). */
  readonly overheadMs?: number | undefined;
  /** Little's law from the measured latency: requests in flight / mean latency (requests/s). */
  readonly littleThroughput?: number | undefined;
  /** Little's law as a check (closed loop): the requests actually kept in flight, goodput x mean latency. */
  readonly littleInFlight?: number | undefined;
  /** Mean CPU per batch, main process plus worker processes; coresUsed = CPU time / wall time. */
  readonly cpu: { readonly userMs: number; readonly systemMs: number; readonly coresUsed: number };
  /**
   * Peak RSS over the measured batches: the model host (which holds worker threads), each worker process,
   * and `peakRssBytes`, the highest sum of the two seen in one batch.
   */
  readonly memory: {
    readonly peakRssBytes: number;
    readonly mainPeakRssBytes: number;
    readonly workersPeakRssBytes: readonly number[];
    /** The model host's tree after start-up and warm-up: what the process costs before N requests are in flight. */
    readonly baselineRssBytes?: number | undefined;
  };
  /**
   * Busy fraction of the model host's event loop, and of the busiest worker loop (threads or children); `main` is
   * absent where the host does not measure its loop (the Python hosts).
   */
  readonly eventLoop: { readonly main: number | undefined; readonly workersMax: number | undefined };
  /** Set when the client itself is the bottleneck (CPU near the cores, or a loop near 100%): then the figure measures the client, not the model. */
  readonly clientSaturated: string | undefined;
  /** Seen by the mock server during the measured iterations; zeros against a --target. */
  readonly server: {
    readonly maxInFlight: number;
    readonly served: number;
    /** Its answers' lateness after their deadlines (ms), where the server reports it. */
    readonly latenessMs?: ServerLateness | undefined;
    /** CPU the server process used during the level, in cores. */
    readonly cpuCores?: number | undefined;
    /** Steal time over the level's CPU time on this host (0..1), where /proc/stat tells. */
    readonly stealShare?: number | undefined;
  };
  /** What a careful reader should know before trusting the figures; absent when nothing. */
  readonly warnings?: readonly ResultWarning[] | undefined;
  /** In a segmented run: the whole level this row is a share of (its own concurrency and rate are the share's). */
  readonly segmentLevel?: SegmentLevel | undefined;
  /** Adaptive limiters only. */
  readonly limitTrace?: LimitTrace | undefined;
  /** Open loop only (`--arrival-rate`): how the arrivals went. `latencyMs` then runs from each request's intended start. */
  readonly arrival?: OpenLoopArrival | undefined;
  /** Open loop only: latency from the actual send (service time), beside `latencyMs` from the intended start. */
  readonly serviceLatencyMs?: CompletedResult['latencyMs'] | undefined;
}

/**
 * An open-loop result's arrivals, per measured run of `durationMs` (means over iterations; counts summed).
 * achievedRate = sent / (last send - epoch + 1 / offeredRate): equal to the offered rate when the model keeps up.
 */
interface OpenLoopArrival {
  /** Requests per second offered: the result's level. */
  readonly offeredRate: number;
  readonly achievedRate: number;
  readonly kind: 'constant' | 'poisson';
  readonly durationMs: number;
  readonly sent: number;
  /** Arrivals the full queue (--max-queue) turned away: never sent. */
  readonly dropped: number;
  /** Still waiting for a slot 5 s after the duration ended (the run's grace): never sent. */
  readonly expired: number;
  /** Sent more than 2 ms after their intended start (they waited for a slot or for the event loop). */
  readonly late: number;
  /** Most arrivals waiting for a slot at once in one queue (the main loop's or one worker's). */
  readonly queueHighWater: number;
  readonly maxQueue?: number | undefined;
  /** The p99 from the intended start a sustained rate stays within: 20x the mean latency, at least 100 ms. */
  readonly sloP99Ms: number;
  /**
   * Kept up: achieved at least SUSTAINED_SHARE of the offered rate, p99 within `sloP99Ms`, errors within the run's
   * --max-error-rate (harness/open-loop/sustained.ts, the rule tune's sustainable rate uses too).
   */
  readonly sustained: boolean;
}

export interface FailedResult {
  readonly state: 'failed';
  readonly runner: RunnerId;
  readonly limiter?: LimiterId | undefined;
  readonly label: string;
  readonly concurrency: number;
  /** How the level was spread, when its host had started (row identity with runner, limiter and level). */
  readonly layout?: LevelLayout | undefined;
  /** An open-loop level's offered arrivals per second. */
  readonly offeredRate?: number | undefined;
  /** `ERROR_RATE` (too many requests failed), `SERVER_EXITED`, `LEVEL_TIMEOUT`, `RUN_FAILED`, a host limit. */
  readonly error: { readonly code: string; readonly message: string };
  readonly segmentLevel?: SegmentLevel | undefined;
  /** What the level's requests ended in, when it was measured to the end (an error rate above the limit). */
  readonly errors?:
    | { readonly total: number; readonly requests: number; readonly byKind: Readonly<Partial<Record<ErrorKind, number>>> }
    | undefined;
}

export type RunnerResult = CompletedResult | FailedResult;

/** A row named in a verdict: its label (runner, or runner/limiter), its level and its mean throughput (requests/s). */
export interface VerdictRowRef {
  readonly runner: string;
  readonly concurrency: number;
  readonly throughput: number;
}

/**
 * Per scenario, from Welch's test on per-iteration throughput (harness/statistics/verdict.ts): a `winner` beats every
 * other label's best level with p < 0.05 and by >= 3%; a `tie` lists the labels it cannot be told apart from; `single`
 * when only one label ran.
 */
export type ScenarioVerdict =
  | (VerdictRowRef & {
      readonly kind: 'winner';
      readonly runnerUp: VerdictRowRef;
      readonly pValue: number;
      readonly relativeDifference: number;
      readonly effectSize: number;
    })
  | { readonly kind: 'tie'; readonly runners: readonly string[]; readonly best: VerdictRowRef; readonly pValue: number | undefined }
  | (VerdictRowRef & { readonly kind: 'single' });

/**
 * A model's limit in a scenario, by the one rule bench and tune share (harness/bench/best-level.ts): the smallest measured
 * level within 95% of the model's best goodput that meets every threshold. `none` when no level qualified.
 */
export type BestLevel =
  | {
      readonly kind: 'found';
      /** The model: its runner, or runner/limiter. */
      readonly runner: string;
      readonly concurrency: number;
      readonly goodput: number;
      readonly p99Ms: number;
      /** The rule with the figures it used, in words. */
      readonly rule: string;
      /** A lower and a higher level were measured around it: the limit was found, not guessed. */
      readonly bracketed: boolean;
      /** The two highest levels differ by 10% or more in goodput: a higher level may do better still. */
      readonly tryHigher: boolean;
    }
  | { readonly kind: 'none'; readonly runner: string; readonly reason: string };

/** What the reports need to know of a runner (its registry entry), so a report renders from results.json alone. */
export interface RunnerFacts {
  readonly id: string;
  readonly language: 'node' | 'python';
  readonly runsOn: 'main-loop' | 'threads' | 'processes';
  readonly model: string;
  /** `one`: one request in flight whatever the level (sequential). */
  readonly inFlight: 'one' | 'level';
  readonly workerNouns?: readonly [string, string] | undefined;
  readonly analogue: string;
  readonly articleApproach?: 'Sequential' | 'Threading' | 'Multiprocessing' | 'Asyncio' | undefined;
  /** What keeps its threads from running code at once (CPython's GIL); absent: nothing does. */
  readonly interpreterLock?: string | undefined;
  readonly colour: string;
}

export interface ScenarioResults {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly workload: {
    readonly requests: number;
    /** Set when each level's batch is rounds x its requests in flight (then `requests` is not what was sent). */
    readonly rounds?: number | undefined;
    readonly path: string;
    readonly server: ServerProfile;
    readonly meanLatencyMs: number;
    readonly cpuWork: CpuWork;
    readonly iterations: number;
    readonly warmupIterations: number;
    readonly threads: number;
    readonly processes: number;
    readonly client: ClientConfig;
    readonly host: HostFigures;
    /** A level whose share of failed requests (after retries) exceeds this failed (`ERROR_RATE`). */
    readonly maxErrorRate: number;
  };
  readonly results: readonly RunnerResult[];
  /** Absent until the scenario has a completed result. */
  readonly verdict?: ScenarioVerdict | undefined;
  /** Set when the scenario's levels did not all run (an interrupted run): its verdict stands on what did. */
  readonly partial?: boolean | undefined;
  /** Each model's limit, in the order the models ran. */
  readonly bestLevels?: readonly BestLevel[] | undefined;
  /** What the exact ideal does not model for this server (its efficiencies may read low for it); absent when nothing. */
  readonly idealCaveats?: readonly string[] | undefined;
  /** Each --threshold checked against every completed result. */
  readonly thresholds?: readonly ThresholdReport[] | undefined;
}

interface ThresholdCheck {
  readonly runner: RunnerId;
  readonly limiter?: LimiterId | undefined;
  readonly concurrency: number;
  /** The metric's value in the expression's unit (ms, %, /s). */
  readonly value: number;
  readonly pass: boolean;
}

export interface ThresholdReport {
  /** As the user wrote it, e.g. `p99<200ms`. */
  readonly expression: string;
  readonly results: readonly ThresholdCheck[];
}

/** The user's service a --target run measured; secrets in headers and query redacted. */
export interface RunTarget {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Not loopback: sent only with --allow-remote, under the caps below. */
  readonly remote: boolean;
  readonly maxRatePerSecond?: number | undefined;
  readonly maxRequests?: number | undefined;
  /** Why the run stopped before its end (a sign of distress), when it did. */
  readonly stoppedBy?: string | undefined;
}

export interface ResultsFile {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: 'concurrency-bench'; readonly version: string };
  readonly environment: Environment;
  /** The runners this file names, as their registry described them. */
  readonly runners: readonly RunnerFacts[];
  readonly run: {
    readonly profile: string;
    readonly seed: number | undefined;
    readonly startedAt: string;
    readonly finishedAt: string;
    /** False when the run was interrupted: the results hold what was measured until then. */
    readonly complete: boolean;
    /** Present for a --target run instead of the mock server. */
    readonly target?: RunTarget | undefined;
    /** Present for one segment of a split run (`--segment i/N`); `startAt` is the agreed start (epoch ms). */
    readonly segment?: { readonly index: number; readonly count: number; readonly startAt?: number | undefined } | undefined;
    /** Present for a run merged from the segments of a split run (`npm run merge`): how many there were. */
    readonly mergedSegments?: number | undefined;
  };
  readonly scenarios: readonly ScenarioResults[];
}
