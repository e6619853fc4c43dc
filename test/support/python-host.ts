import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { stopChild, trackChild } from '../../common/child-processes.ts';
import { PYTHON_HOST_SCRIPT, pythonHostCommand } from '../../runners/python/host-command.ts';
import type { PythonInterpreter } from '../../runners/python/interpreter.ts';

const count = z.int().min(0);
const counts = z.record(z.string(), count);

/** The protocol's messages from a host (docs/runner-protocol.md), strict: a field the page does not name fails. */
const readySchema = z.object({ type: z.literal('ready'), pid: z.int(), workerPids: z.array(z.int()) }).strict();
const outcomeSchema = z
  .object({
    type: z.literal('outcome'),
    id: z.int(),
    wallMs: z.number().min(0),
    outcome: z
      .object({
        requests: count,
        ok: count,
        bytes: count,
        retries: count,
        errorsByKind: counts,
        statusCounts: counts,
        split: z
          .object({
            slotWaitMs: z.number().min(0),
            serverQueueMs: z.number().min(0),
            serverServeMs: z.number().min(0),
            restMs: z.number().min(0),
            backoffMs: z.number().min(0),
            workMs: z.number().min(0),
          })
          .strict(),
        loopUtilization: z.array(z.number().min(0).max(1)),
        requestsByLoop: z.array(count),
        latenciesUs: z.array(z.int().min(1)),
        processes: z.array(z.object({ pid: z.int(), cpuUserUs: count, cpuSystemUs: count, maxRssBytes: count }).strict()),
      })
      .strict(),
  })
  .strict();
const failedSchema = z.object({ type: z.literal('failed'), id: z.int().nullable(), code: z.string(), message: z.string() }).strict();
const hostMessageSchema = z.discriminatedUnion('type', [readySchema, outcomeSchema, failedSchema]);

export type HostMessage = z.output<typeof hostMessageSchema>;
export type Ready = z.output<typeof readySchema>;
export type Outcome = z.output<typeof outcomeSchema>;
export type Failed = z.output<typeof failedSchema>;

const ANSWER_TIMEOUT_MS = 60_000;

/** A Python model host in its own process, spoken to over its stdin and stdout as the orchestrator does. */
export class PythonHost {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every line the host wrote to stdout, in order (each must be a protocol message). */
  readonly lines: string[] = [];
  #stderr = '';
  #read = 0;
  #wake: (() => void) | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(interpreter: PythonInterpreter) {
    const { command, args } = pythonHostCommand(interpreter);
    this.child = trackChild(spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] }));
    this.pid = this.child.pid ?? -1;
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString();
    });
    const stdout = this.child.stdout;
    if (stdout) {
      createInterface({ input: stdout }).on('line', (line) => {
        this.lines.push(line);
        this.#wake?.();
      });
      stdout.once('close', () => this.#wake?.());
    }
  }

  get stderr(): string {
    return this.#stderr;
  }

  send(message: unknown): void {
    this.sendLine(JSON.stringify(message));
  }

  sendLine(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  closeInput(): void {
    this.child.stdin?.end();
  }

  /** The host's next message, checked against the protocol; rejects when none comes in time or the host ends. */
  async next(timeoutMs = ANSWER_TIMEOUT_MS): Promise<HostMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.#read >= this.lines.length) {
      if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.stdout?.readableEnded) {
        throw new Error(`python host ended without answering; stderr: ${this.#stderr.trim().slice(-500)}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`python host sent nothing for ${timeoutMs} ms; stderr: ${this.#stderr.trim().slice(-500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1_000));
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    const line = this.lines[this.#read++] ?? '';
    return hostMessageSchema.parse(JSON.parse(line));
  }

  async start(runner: string, poolSize = 2): Promise<Ready> {
    this.send({ type: 'start', protocol: 1, runner, poolSize });
    const message = await this.next();
    if (message.type !== 'ready') throw new Error(`${runner} host did not start: ${JSON.stringify(message)}`);
    return message;
  }

  /** Sends one batch and returns its outcome, or throws with the host's `failed` line. */
  async batch(id: number, batch: unknown): Promise<Outcome> {
    this.send({ type: 'batch', id, batch });
    const message = await this.next();
    if (message.type !== 'outcome' || message.id !== id) throw new Error(`batch ${id} did not complete: ${JSON.stringify(message)}`);
    return message;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** Whether a process is alive (a zombie waiting to be reaped counts as ended). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^\d+ \(.*\) Z/.test(readStat(pid));
}

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

/** Polls until none of `pids` is alive; false if some still are at the deadline (a bound, not a sleep). */
export async function allEnded(pids: readonly number[], deadlineMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (pids.some(processAlive)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Runs `program` (Python, with the hosts' modules importable) with `input` as JSON on stdin; returns its JSON output. */
export function runPythonSnippet(interpreter: PythonInterpreter, program: string, input: unknown): unknown {
  const script = `import json, math, sys\nsys.path.insert(0, ${JSON.stringify(path.dirname(PYTHON_HOST_SCRIPT))})\n${program}`;
  return JSON.parse(execFileSync(interpreter.path, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' }));
}
