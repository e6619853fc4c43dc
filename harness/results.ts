import type { ErrorKind } from '../runners/error-kind.ts';
import type { RunnerId } from '../runners/types.ts';
import type { ServerProfile } from '../mock-server/profile.ts';
import type { Environment } from './environment.ts';

/** results.json: the contract every renderer reads. Bump on any incompatible change. */
export const SCHEMA_VERSION = 1;

export interface SummaryStats {
  readonly mean: number;
  readonly stdev: number;
  readonly min: number;
  readonly max: number;
}

export interface CompletedResult {
  readonly state: 'completed';
  readonly runner: RunnerId;
  readonly shape: string;
  /** Requests in flight at most. */
  readonly concurrency: number;
  readonly requests: number;
  readonly iterations: number;
  readonly startupMs: number;
  readonly wallMs: SummaryStats;
  /** Requests per second; ci95 from tinybench's margin of error. */
  readonly throughput: { readonly mean: number; readonly stdev: number; readonly ci95: readonly [number, number] };
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly p999: number; readonly max: number; readonly min: number; readonly mean: number };
  readonly errors: { readonly total: number; readonly byKind: Readonly<Partial<Record<ErrorKind, number>>> };
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly bytesPerBatch: number;
  readonly idealWallMs: number;
  readonly efficiency: number;
  /** Mean CPU per batch, main process plus worker processes; coresUsed = CPU time / wall time. */
  readonly cpu: { readonly userMs: number; readonly systemMs: number; readonly coresUsed: number };
  readonly memory: { readonly peakRssBytes: number };
  /** Seen by the mock server during the measured iterations. */
  readonly server: { readonly maxInFlight: number; readonly served: number };
}

export interface FailedResult {
  readonly state: 'failed';
  readonly runner: RunnerId;
  readonly shape: string;
  readonly concurrency: number;
  readonly error: { readonly code: string; readonly message: string };
}

export type RunnerResult = CompletedResult | FailedResult;

export interface ScenarioResults {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly workload: {
    readonly requests: number;
    readonly path: string;
    readonly server: ServerProfile;
    readonly meanLatencyMs: number;
    readonly iterations: number;
    readonly warmupIterations: number;
    readonly poolSize: number;
  };
  readonly results: readonly RunnerResult[];
}

export interface ResultsFile {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: 'concurrency-bench'; readonly version: string };
  readonly environment: Environment;
  readonly run: {
    readonly profile: string;
    readonly seed: number | undefined;
    readonly startedAt: string;
    readonly finishedAt: string;
    /** False when the run was interrupted: the results hold what was measured until then. */
    readonly complete: boolean;
  };
  readonly scenarios: readonly ScenarioResults[];
}
