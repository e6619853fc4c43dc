import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { stopChild, trackChild } from '../../common/child-processes.ts';
import { waitForMessage } from '../../common/ipc.ts';
import type { ClientConfig } from '../../runners/client-config.ts';
import type { BareTask } from './bare-worker.ts';

export interface BarePool {
  /** Runs `requests` requests split evenly over the workers; returns requests/s. */
  batch(requests: number): Promise<number>;
  close(): Promise<void>;
}

const BARE_WORKER = new URL('./bare-worker.js', import.meta.url).href;
const BARE_CHILD = fileURLToPath(new URL('./bare-child.js', import.meta.url));

function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

/** The worker-threads runner's baseline: a plain piscina pool whose tasks run the bare loop. */
export async function barePiscina(origin: string, config: ClientConfig, workers: number, inFlight: number): Promise<BarePool> {
  const pool = new Piscina<BareTask | null, void>({ filename: BARE_WORKER, minThreads: workers, maxThreads: workers, execArgv: [] });
  await Promise.all(Array.from({ length: workers }, () => pool.run(null)));
  const lanes = shares(inFlight, workers);
  return {
    async batch(requests) {
      const begin = performance.now();
      await Promise.all(shares(requests, workers).map((share, w) => pool.run({ origin, config, lanes: lanes[w] ?? 1, requests: share })));
      return (requests / (performance.now() - begin)) * 1000;
    },
    close: () => pool.destroy(),
  };
}

/** The child-process runner's baseline: plain forked children that run the bare loop on a message. */
export async function bareChildren(origin: string, config: ClientConfig, workers: number, inFlight: number): Promise<BarePool> {
  const children: ChildProcess[] = Array.from({ length: workers }, () =>
    trackChild(fork(BARE_CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
  );
  await Promise.all(
    children.map((child) => waitForMessage<string, true>(child, (m) => (m === 'ready' ? true : undefined), 'bare child', 30_000)),
  );
  const lanes = shares(inFlight, workers);
  return {
    async batch(requests) {
      const begin = performance.now();
      await Promise.all(
        shares(requests, workers).map((share, w) => {
          const child = children[w];
          if (!child) throw new Error(`no bare child ${w}`);
          const done = waitForMessage<string, true>(child, (m) => (m === 'done' ? true : undefined), 'bare child', 120_000);
          child.send({ origin, config, lanes: lanes[w] ?? 1, requests: share } satisfies BareTask);
          return done;
        }),
      );
      return (requests / (performance.now() - begin)) * 1000;
    },
    close: async () => {
      await Promise.all(children.map(stopChild));
    },
  };
}
