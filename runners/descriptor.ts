import type { RunnerLayout } from './types.ts';

/** Where a model's requests run: on one event loop, on threads, or in processes of their own. */
type RunsOn = 'main-loop' | 'threads' | 'processes';

type RunnerLanguage = 'node' | 'python';

/** How the orchestrator starts a runner's model host (docs/runner-protocol.md). */
type HostSpec =
  /** A Node host (runners/host/node-host.ts) that imports `module` and calls its export `factory` (a RunnerFactory). */
  | { readonly kind: 'node'; readonly module: string; readonly factory: string }
  /**
   * A Python host (runners/python/host.py) running `model`, speaking JSON lines on stdin/stdout; `uvloop`: it needs
   * the uvloop package beside requests and aiohttp.
   */
  | { readonly kind: 'python'; readonly model: string; readonly uvloop?: boolean | undefined };

export type NodeHostSpec = Extract<HostSpec, { readonly kind: 'node' }>;

/** The row of the articles' table a runner measures (reports/articles-comparison.ts). */
type ArticleApproach = 'Sequential' | 'Threading' | 'Multiprocessing' | 'Asyncio';

/**
 * Everything the rest of the suite asks about a runner: no code outside runners/ compares runner ids. A new
 * runner is its file plus one of these in runners/registry.ts.
 */
export interface RunnerDescriptor {
  readonly id: string;
  readonly language: RunnerLanguage;
  readonly runsOn: RunsOn;
  /** One line: what the model does. */
  readonly model: string;
  /** `one`: one request in flight whatever the level asks (sequential); `level`: the level's in flight. */
  readonly inFlight: 'one' | 'level';
  /** The pool-size setting it takes (`--threads`, `--processes`); absent: none (one loop, or threads per level). */
  readonly poolSetting?: 'threads' | 'processes' | undefined;
  /** What one of its workers is called, singular and plural, where it has a pool of its own. */
  readonly workerNouns?: readonly [string, string] | undefined;
  /** The same model in the other language ("asyncio" for promise-concurrent). */
  readonly analogue: string;
  readonly articleApproach?: ArticleApproach | undefined;
  /** What keeps its threads from running code at once, as the reports name it (CPython's GIL); absent: nothing. */
  readonly interpreterLock?: string | undefined;
  /** The colour of its rows in every chart. */
  readonly colour: string;
  readonly supports: {
    /** The limiters of runners/limiters (p-limit, vegas, ...); without: its own idiomatic limit only. */
    readonly limiters: boolean;
    readonly openLoop: boolean;
    /** A --target run's method, headers, body and rate cap. */
    readonly target: boolean;
    /** tune's Agent sweep (connections, pipelining). */
    readonly agentSweep: boolean;
  };
  /** How a level spreads over its workers: the label reports show, the real in flight, the workers doing the work. */
  layout(concurrency: number, poolSize: number): RunnerLayout;
  readonly host: HostSpec;
}
