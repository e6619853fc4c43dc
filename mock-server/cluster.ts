import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { FromClusterWorker, ToClusterWorker } from './cluster-messages.ts';
import type { ListenOptions, RunningServer } from './http-server.ts';
import type { ResolvedProfile } from './profile.ts';
import { mergeSnapshots, type ServerStatsSnapshot } from './stats.ts';
import { waitForMessage } from '../common/ipc.ts';

const WORKER_ENTRY = fileURLToPath(new URL('./cluster-worker.js', import.meta.url));
const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 3_000;

/** Splits `total` into `parts` integers that differ by at most one and add up to `total`. */
function splitEvenly(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/**
 * Worker `index`'s share of the profile. Capacity, queue limit and rate limit are split, so the whole cluster
 * never serves more than `capacity` at once nor admits more than `rateLimit` per second; but each worker
 * enforces only its share, so a request can wait on a busy worker while another has a free slot.
 * Requests with an identity get the same decisions on every worker (one seed); without one, each worker
 * draws from its own stream (seed + index): deterministic per worker, not across the cluster.
 */
function workerShare(profile: ResolvedProfile, index: number): ResolvedProfile {
  const workers = profile.workers;
  return {
    ...profile,
    workerIndex: index,
    capacity: profile.capacity === undefined ? undefined : splitEvenly(profile.capacity, workers, index),
    phases: profile.phases.map((phase) => ({
      ...phase,
      capacity: phase.capacity === undefined ? undefined : splitEvenly(phase.capacity, workers, index),
    })),
    queueLimit: profile.queueLimit === undefined ? undefined : splitEvenly(profile.queueLimit, workers, index),
    rateLimit:
      profile.rateLimit === undefined
        ? undefined
        : { perSecond: profile.rateLimit.perSecond / workers, burst: Math.max(1, splitEvenly(profile.rateLimit.burst, workers, index)) },
    workers: 1,
  };
}

/** Runs `profile.workers` server processes (node:cluster) on one port; /__stats adds up all of them. */
export async function startCluster(profile: ResolvedProfile, listen: ListenOptions): Promise<RunningServer> {
  cluster.setupPrimary({ exec: WORKER_ENTRY, execArgv: [] });
  const workers: Worker[] = [];
  const stopAll = (): Promise<void> => Promise.all(workers.map(stopWorker)).then(() => undefined);
  let port = listen.port;
  try {
    for (let index = 0; index < profile.workers; index += 1) {
      const worker = cluster.fork();
      workers.push(worker);
      worker.on('message', (message: FromClusterWorker) => {
        if (message.type === 'stats') void answerStats(worker, workers, message.id, message.reset);
      });
      // Same listen options for all: the primary then shares one listening handle (with port 0, one free port).
      port = await startWorker(worker, { type: 'start', profile: workerShare(profile, index), listen });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { url: `http://${host}:${port}`, close: stopAll };
}

/** Sends the worker its start message once it has loaded, and resolves with the port it listens on. */
function startWorker(worker: Worker, start: ToClusterWorker): Promise<number> {
  return waitForMessage<FromClusterWorker, number>(
    worker,
    (message) => {
      if (message.type === 'loaded') worker.send(start);
      if (message.type === 'failed') throw new Error(`mock-server worker could not start: ${message.code} ${message.message}`);
      return message.type === 'listening' ? message.port : undefined;
    },
    'mock-server worker',
    START_TIMEOUT_MS,
  );
}

let nextRequestId = 0;

async function answerStats(asker: Worker, workers: readonly Worker[], id: number, reset: boolean): Promise<void> {
  const snapshots = await Promise.all(workers.filter((worker) => worker.isConnected()).map((worker) => snapshotOf(worker, reset)));
  const answer: ToClusterWorker = { type: 'stats', id, snapshot: mergeSnapshots(snapshots) };
  if (asker.isConnected()) asker.send(answer);
}

function snapshotOf(worker: Worker, reset: boolean): Promise<ServerStatsSnapshot> {
  const id = nextRequestId++;
  return new Promise((resolve) => {
    const onMessage = (message: FromClusterWorker): void => {
      if (message.type !== 'snapshot' || message.id !== id) return;
      worker.off('message', onMessage);
      resolve(message.snapshot);
    };
    worker.on('message', onMessage);
    const ask: ToClusterWorker = { type: 'snapshot', id, reset };
    worker.send(ask);
  });
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.process.kill('SIGTERM');
  const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
