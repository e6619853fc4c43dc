import { performance } from 'node:perf_hooks';
import { stopChild } from '../../common/child-processes.ts';
import { waitForMessage } from '../../common/ipc.ts';
import type { RunnerDescriptor } from '../descriptor.ts';
import type { Batch } from '../batch-spec.ts';
import type { BatchOutcome } from '../outcome.ts';
import { type ChannelMessage, type HostChannel, jsonLinesHostChannel, nodeHostChannel } from './host-channel.ts';
import { pythonHostCommand } from '../python/host-command.ts';
import type { PythonInterpreter } from '../python/interpreter.ts';
import { HOST_PROTOCOL_VERSION, type HostOutcome } from './protocol.ts';

const START_TIMEOUT_MS = 60_000;
// A batch may legitimately take long (slow servers, big N); the level's own watchdog decides when it hangs.
const BATCH_TIMEOUT_MS = 24 * 60 * 60_000;

/** One batch as its host measured it: the wall is the host's own, around the batch alone. */
export interface HostedBatch {
  readonly outcome: BatchOutcome;
  readonly wallMs: number;
  /** Wall-clock ms when the batch ended (Node hosts): an open-loop run's wall counts from its shared epoch. */
  readonly endedAtMs?: number | undefined;
  /** The host's own event loop during the batch (Node hosts). */
  readonly hostLoopUtilization?: number | undefined;
}

/** A running model host, from the orchestrator's side. */
export interface ModelHost {
  readonly runner: string;
  readonly pid: number;
  /** Processes the model runs its requests in besides the host (a process pool). */
  readonly workerPids: readonly number[];
  /** From starting the process to its `ready`: modules loaded, pool started. */
  readonly startupMs: number;
  /** Settles when the host process ends, for whatever reason, with how it ended. */
  readonly exited: Promise<string>;
  exitReason(): string | undefined;
  runBatch(batch: Batch): Promise<HostedBatch>;
  stop(): Promise<void>;
}

export interface HostOptions {
  /** The Python interpreter for python-* runners (runners/python/interpreter.ts finds one). */
  readonly python?: PythonInterpreter | undefined;
}

function channelFor(descriptor: RunnerDescriptor, poolSize: number, options: HostOptions): HostChannel {
  const { host } = descriptor;
  if (host.kind === 'node') return nodeHostChannel(host, poolSize);
  if (options.python === undefined) throw new Error(`${descriptor.id} needs a Python interpreter and none was given`);
  const { command, args } = pythonHostCommand(options.python);
  return jsonLinesHostChannel(command, args);
}

function typed(values: Uint32Array | readonly number[]): Uint32Array {
  return values instanceof Uint32Array ? values : Uint32Array.from(values, (us) => Math.min(0xffffffff, Math.max(1, Math.round(us))));
}

/** A host's outcome as the runners' own type: latencies as typed arrays, whichever way they came. */
function toOutcome(outcome: HostOutcome): BatchOutcome {
  const { latenciesUs, open, limitTrace, ...counts } = outcome;
  return {
    ...counts,
    latenciesUs: typed(latenciesUs),
    ...(open === undefined ? {} : { open: { serviceUs: typed(open.serviceUs), counts: open.counts } }),
    ...(limitTrace === undefined ? {} : { limitTrace }),
  };
}

/**
 * Starts a model host for `descriptor` (docs/runner-protocol.md) and waits for its `ready`. Every message it sends
 * is validated; one that does not fit fails what was waiting for it with one line, and the host is stopped.
 */
export async function startModelHost(descriptor: RunnerDescriptor, poolSize: number, options: HostOptions = {}): Promise<ModelHost> {
  const begin = performance.now();
  const channel = channelFor(descriptor, poolSize, options);
  const child = channel.process;
  const what = `${descriptor.id} model host`;
  let exitReason: string | undefined;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      exitReason = signal ? `exited with ${signal}` : `exited with code ${String(code)}`;
      resolve(exitReason);
    }),
  );
  const failure = (message: string): Error => {
    const tail = channel.stderrTail();
    return new Error(`${what}: ${message}${tail === '' ? '' : ` (stderr: ${tail})`}`);
  };
  const invalid = (message: ChannelMessage): never => {
    void stopChild(child);
    throw failure(`sent an invalid message: ${message.type === 'invalid' ? message.reason : message.type}`);
  };
  let ready: { readonly pid: number; readonly workerPids: readonly number[] };
  try {
    const readyMessage = waitForMessage<ChannelMessage, { pid: number; workerPids: readonly number[] }>(
      channel.events,
      (message) => {
        if (message.type === 'ready') return message;
        if (message.type === 'failed') throw failure(`could not start: ${message.message}`);
        return message.type === 'invalid' ? invalid(message) : undefined;
      },
      what,
      START_TIMEOUT_MS,
    );
    if (descriptor.host.kind !== 'node') {
      await channel.send({ type: 'start', protocol: HOST_PROTOCOL_VERSION, runner: descriptor.id, poolSize });
    }
    ready = await readyMessage;
  } catch (error) {
    await stopChild(child);
    throw error instanceof Error && error.message.startsWith(what)
      ? error
      : failure(error instanceof Error ? error.message : String(error));
  }
  const startupMs = performance.now() - begin;
  let nextId = 0;
  return {
    runner: descriptor.id,
    pid: ready.pid > 0 ? ready.pid : (child.pid ?? -1),
    workerPids: ready.workerPids,
    startupMs,
    exited,
    exitReason: () => exitReason,
    async runBatch(batch) {
      const id = nextId++;
      const answer = waitForMessage<ChannelMessage, HostedBatch>(
        channel.events,
        (message) => {
          if (message.type === 'invalid') return invalid(message);
          if (message.type === 'failed' && (message.id === id || message.id === null)) throw new Error(message.message);
          if (message.type !== 'outcome' || message.id !== id) return undefined;
          return {
            outcome: toOutcome(message.outcome),
            wallMs: message.wallMs,
            endedAtMs: message.endedAtMs,
            hostLoopUtilization: message.hostLoopUtilization,
          };
        },
        what,
        BATCH_TIMEOUT_MS,
      );
      try {
        await channel.send({ type: 'batch', id, batch });
      } catch (error: unknown) {
        answer.catch(() => undefined);
        throw failure(`is not running (${exitReason ?? (error instanceof Error ? error.message : String(error))})`);
      }
      return answer;
    },
    async stop() {
      if (exitReason === undefined) await channel.send({ type: 'stop' }).catch(() => undefined);
      await stopChild(child);
    },
  };
}
