/** What the server does for one attempt, as the mock server derives it from (seed, request identity). */
export interface ReplayAttemptDecision {
  /** From the capacity slot to the headers (or to the reset). */
  readonly latencyMs: number;
  /** error: 500 after the latency; reset: connection reset at the latency; stall: never answered. */
  readonly fault: 'error' | 'reset' | 'stall' | undefined;
  readonly bodyBytes: number;
  /** A slow body: the first body byte this long after the headers, then this many bytes a second (absent: at once). */
  readonly firstByteDelayMs?: number | undefined;
  readonly bodyBytesPerSecond?: number | undefined;
}

interface ReplayServer {
  /** Requests served at once; unlimited when absent. */
  readonly capacity?: number | undefined;
  /** Requests allowed to wait for a slot; one more is answered 503 at once. Unlimited when absent. */
  readonly queueLimit?: number | undefined;
  /** Token bucket in front of everything: `perSecond` refill, at most `burst` tokens, starts full. */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number } | undefined;
  /**
   * A server that turns down (mock-server/coherency.ts): an attempt that gets its slot while n attempts hold one
   * (itself included) is served for latency x (1 + contention (n - 1) + coherency n (n - 1)).
   */
  readonly slowdown?: { readonly contention: number; readonly coherency: number } | undefined;
  /** Phases by request index that change the capacity, in order: from the first arrival at `afterRequests` on. */
  readonly capacityPhases?: readonly { readonly afterRequests: number; readonly capacity: number | undefined }[] | undefined;
}

interface ReplayRetryPolicy {
  /** Retries after the first try. */
  readonly maxRetries: number;
  /** Error kinds that are retried, as the client names them (rate_limited, http_5xx, reset, timeout). */
  readonly retryOn: readonly string[];
  readonly honourRetryAfter: boolean;
  readonly maxRetryAfterMs: number;
  /** The client's seeded backoff before retry number `retry` (0 = first retry) of request `index`. */
  backoffMs(index: number, retry: number): number;
}

export interface ReplayInput {
  /** Requests in the batch, indices 0..requests-1. */
  readonly requests: number;
  /** In-flight limit: each free lane takes the next index from one shared counter. */
  readonly lanes: number;
  /** What the server does for attempt `attempt` (0 = first try) of request `index`. Called once per attempt that gets a slot. */
  decide(index: number, attempt: number): ReplayAttemptDecision;
  readonly server: ReplayServer;
  readonly retry: ReplayRetryPolicy;
  /** An attempt without headers this long after it was sent ends as a timeout. */
  readonly headersTimeoutMs: number;
  /** CPU work per successful response. */
  readonly cpuWorkMs: number;
  /** Lanes whose CPU work can run at once: 1 for one event loop, min(pool, cores) for pools. */
  readonly cpuExecutors: number;
  /** The host's measured per-round-trip overhead, added once per attempt. */
  readonly roundTripFloorMs: number;
  /** Loopback bandwidth; a body takes bodyBytes / bytesPerMs after its headers. Free when absent. */
  readonly bytesPerMs?: number | undefined;
}

export const REPLAY_LIMITS = ['latency', 'cpu', 'capacity', 'rate-limit', 'retries', 'bytes'] as const;
/** The resource that took most of the critical lane's time (see critical-path.ts). */
export type ReplayLimit = (typeof REPLAY_LIMITS)[number];

const REPLAY_ERROR_KINDS = ['rate_limited', 'http_5xx', 'reset', 'timeout'] as const;
/** The client's error kinds (runners/error-kind.ts) that the server model can produce. */
export type ReplayErrorKind = (typeof REPLAY_ERROR_KINDS)[number];

export interface ReplayResult {
  /** From the batch start to the end of the last lane's last CPU work. */
  readonly makespanMs: number;
  /** Per request: from when its lane took it to its final answer (backoff included, CPU work excluded). */
  readonly requestLatenciesMs: Float64Array;
  /** Per request: when its final answer arrived, from the batch start. */
  readonly requestEndsMs: Float64Array;
  /** Per request: the error kind it ended with, undefined for a success. */
  readonly requestErrors: readonly (ReplayErrorKind | undefined)[];
  /** Attempts sent, first tries included. */
  readonly attempts: number;
  readonly retries: number;
  /** Total time lanes spent waiting to retry. */
  readonly backoffMs: number;
  /** Requests that ended in an error after their retries. */
  readonly errors: { readonly total: number; readonly byKind: Readonly<Record<ReplayErrorKind, number>> };
  readonly limitedBy: ReplayLimit;
  /** The lane that ended last, its time split by resource; the parts sum to makespanMs. */
  readonly criticalPathMs: Readonly<Record<ReplayLimit, number>>;
}
