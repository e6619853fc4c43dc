import { type ChildProcess, fork, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { trackChild } from '../../common/child-processes.ts';
import { formatIssue } from '../../common/validation.ts';
import type { NodeHostSpec } from '../descriptor.ts';
import { type FromHost, fromHostSchema, type ToHost } from './protocol.ts';

const NODE_HOST = fileURLToPath(new URL('./node-host.js', import.meta.url));
const STDERR_LINES_KEPT = 20;

/** What a channel emits as `message`: a message that fits the protocol, or why one did not. */
export type ChannelMessage = FromHost | { readonly type: 'invalid'; readonly reason: string };

/**
 * One model host process and the way to talk to it: Node hosts over their IPC channel, other languages over
 * stdin/stdout JSON lines. Either way every message is validated against the protocol before anyone reads it,
 * and the emitter reports `message` and `exit` (so common/ipc.ts waitForMessage works on it).
 */
export interface HostChannel {
  readonly process: ChildProcess;
  readonly events: EventEmitter;
  send(message: ToHost): Promise<void>;
  /** The host's last lines on stderr (foreign hosts), for a failure's message. */
  stderrTail(): string;
}

function relay(events: EventEmitter, raw: unknown): void {
  const parsed = fromHostSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) {
    events.emit('message', parsed.data);
    return;
  }
  const issue = parsed.error.issues[0];
  const reason = issue ? formatIssue(fromHostSchema, issue, { names: {} }) : 'not a protocol message';
  events.emit('message', { type: 'invalid', reason } satisfies ChannelMessage);
}

function watchExit(child: ChildProcess, events: EventEmitter): void {
  child.once('exit', (code, signal) => events.emit('exit', code, signal));
}

export function nodeHostChannel(host: NodeHostSpec, poolSize: number): HostChannel {
  const child = trackChild(
    fork(NODE_HOST, [host.module, host.factory, String(poolSize)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    }),
  );
  const events = new EventEmitter();
  child.on('message', (raw) => relay(events, raw));
  watchExit(child, events);
  return {
    process: child,
    events,
    send: (message) =>
      new Promise((resolve, reject) => {
        if (!child.connected) {
          reject(new Error('its IPC channel is closed'));
          return;
        }
        child.send(message, (error) => (error ? reject(error) : resolve()));
      }),
    stderrTail: () => '',
  };
}

/** A host in another language: `command args...`, one JSON message per line on stdin and stdout. */
export function jsonLinesHostChannel(command: string, args: readonly string[]): HostChannel {
  const child = trackChild(spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
  const events = new EventEmitter();
  const stderr: string[] = [];
  child.stdin?.on('error', () => {});
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim() === '') return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        events.emit('message', { type: 'invalid', reason: `not a JSON line: ${line.slice(0, 120)}` } satisfies ChannelMessage);
        return;
      }
      relay(events, raw);
    });
  }
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderr.push(line);
      if (stderr.length > STDERR_LINES_KEPT) stderr.shift();
    });
  }
  watchExit(child, events);
  return {
    process: child,
    events,
    send: (message) =>
      new Promise((resolve, reject) => {
        const stdin = child.stdin;
        if (!stdin || stdin.destroyed || !stdin.writable) {
          reject(new Error('its stdin is closed'));
          return;
        }
        stdin.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
      }),
    stderrTail: () =>
      stderr
        .filter((line) => line.trim() !== '')
        .slice(-3)
        .join(' | '),
  };
}
