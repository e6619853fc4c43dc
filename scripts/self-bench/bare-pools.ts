import { split } from '../../common/even-split.ts';
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { stopChild, trackChild } from '../../common/child-processes.ts';
import { waitForMessage } from '../../common/ipc.ts';
import type { ClientConfig } from '../../runners/client-config.ts';
import type { BareDone } from './bare-child.ts';
import type { BareTask } from './bare-worker.ts';

export interface BarePool {
  /** Runs `requests` requests split evenly over the workers; returns requests/s. */
  batch(requests: number): Promise<number>;
  /** The processes it runs in besides this one (none for threads). */
  readonly pids: readonly number[];
  close(): Promise<void>;
}

const BARE_WORKER = new URL('./bare-worker.js', import.meta.url).href;
const BARE_CHILD = fileURLToPath(new URL('./bare-child.js', import.meta.url));

/** The worker-threads runner's baseline: a plain piscina pool whose tasks run the bare loop. */
export async function barePiscina(origin: string, config: ClientConfig, workers: number, inFlight: number): Promise<BarePool> {
  const pool = new Piscina<BareTask | null, void>({ filename: BARE_WORKER, minThreads: workers, maxThreads: workers, execArgv: [] });
  await Promise.all(Array.from({ length: workers }, () => pool.run(null)));
  const lanes = split(inFlight, workers);
  return {
    async batch(requests) {
      const begin = performance.now();
      await Promise.all(split(requests, workers).map((share, w) => pool.run({ origin, config, lanes: lanes[w] ?? 1, requests: share })));
      return (requests / (performance.now() - begin)) * 1000;
    },
    pids: [],
    close: () => pool.destroy(),
  };
}

function startChildren(count: number): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, () =>
    trackChild(fork(BARE_CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
  );
  return Promise.all(
    children.map(async (child) => {
      await waitForMessage<unknown, true>(child, (m) => (m === 'ready' ? true : undefined), 'bare child', 30_000);
      return child;
    }),
  );
}

/** Sends a child its task and waits for its own wall. */
function childBatch(child: ChildProcess, task: BareTask): Promise<number> {
  const done = waitForMessage<BareDone | string, number>(
    child,
    (m) => (typeof m === 'object' && m.type === 'done' ? m.wallMs : undefined),
    'bare child',
    120_000,
  );
  child.send(task);
  return done;
}

/**
 * The single-loop baseline in a process of its own, as the harness's model host is: `inFlight` async loops on one
 * Agent, `headers` with every request when given; the child times its own batch from a collected heap.
 */
export async function bareProcess(
  origin: string,
  config: ClientConfig,
  inFlight: number,
  headers?: Record<string, string>,
): Promise<BarePool> {
  const [child] = await startChildren(1);
  if (!child) throw new Error('no bare child started');
  return {
    async batch(requests) {
      const wallMs = await childBatch(child, { origin, config, lanes: inFlight, requests, headers });
      return (requests / wallMs) * 1000;
    },
    pids: [child.pid ?? -1],
    close: () => stopChild(child),
  };
}

/** The child-process runner's baseline: plain forked children that run the bare loop on a message. */
export async function bareChildren(origin: string, config: ClientConfig, workers: number, inFlight: number): Promise<BarePool> {
  const children = await startChildren(workers);
  const lanes = split(inFlight, workers);
  return {
    async batch(requests) {
      const begin = performance.now();
      await Promise.all(
        split(requests, workers).map((share, w) => {
          const child = children[w];
          if (!child) throw new Error(`no bare child ${w}`);
          return childBatch(child, { origin, config, lanes: lanes[w] ?? 1, requests: share });
        }),
      );
      return (requests / (performance.now() - begin)) * 1000;
    },
    pids: children.map((child) => child.pid ?? -1),
    close: async () => {
      await Promise.all(children.map(stopChild));
    },
  };
}
