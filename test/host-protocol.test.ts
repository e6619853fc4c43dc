import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { startModelHost } from '../runners/host/model-host.ts';
import { runnerDescriptor } from '../runners/registry.ts';
import { testBatch } from './support/test-batch.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A stand-in interpreter: an executable that speaks the JSON-lines protocol as `answer` decides, whatever script it
 * is asked to run, so the orchestrator's side of the protocol is tested against a host that breaks it.
 */
async function fakeInterpreter(answer: string): Promise<{ path: string; version: string; uvloop: boolean }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-host-protocol-'));
  dirs.push(dir);
  const file = path.join(dir, 'fake-python');
  const script = `#!${process.execPath}
const lines = require('node:readline').createInterface({ input: process.stdin });
const answer = ${answer};
lines.on('line', (line) => {
  const message = JSON.parse(line);
  if (message.type === 'start') process.stdout.write(JSON.stringify({ type: 'ready', pid: process.pid, workerPids: [] }) + '\\n');
  if (message.type === 'batch') process.stdout.write(answer(message) + '\\n');
});
lines.on('close', () => process.exit(0));
`;
  await writeFile(file, script);
  await chmod(file, 0o755);
  return { path: file, version: '3.11.0', uvloop: true };
}

describe('the runner protocol, from the orchestrator side', () => {
  test('a Node host whose runner cannot load says why, not only that it exited', async () => {
    const descriptor = runnerDescriptor('promise-concurrent');
    const broken = { ...descriptor, host: { kind: 'node' as const, module: 'file:///nonexistent/runner.js', factory: 'create' } };
    await assert.rejects(startModelHost(broken, 1), (error: unknown) => {
      assert.match(String(error), /could not start: .*nonexistent/);
      return true;
    });
  });

  test('a host that sends a message that does not fit fails the batch with one line, and is stopped', async () => {
    const python = await fakeInterpreter('(message) => JSON.stringify({ type: "outcome", id: message.id, wallMs: "fast" })');
    const host = await startModelHost(runnerDescriptor('python-asyncio'), 1, { python });
    await assert.rejects(host.runBatch(testBatch('http://127.0.0.1:9', 4, 2)), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^python-asyncio model host: sent an invalid message: Expected `wallMs` to be a number/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
    assert.match(await host.exited, /exited/, 'the host is stopped');
  });

  test('a line that is not JSON is named, not parsed past', async () => {
    const python = await fakeInterpreter('() => "Traceback (most recent call last):"');
    const host = await startModelHost(runnerDescriptor('python-asyncio'), 1, { python });
    await assert.rejects(host.runBatch(testBatch('http://127.0.0.1:9', 4, 2)), /sent an invalid message: not a JSON line: Traceback/);
    await host.stop();
  });

  test("a host's own `failed` answer fails the batch with its message", async () => {
    const python = await fakeInterpreter(
      '(message) => JSON.stringify({ type: "failed", id: message.id, code: "UNSUPPORTED", message: "open loop is not supported" })',
    );
    const host = await startModelHost(runnerDescriptor('python-asyncio'), 1, { python });
    await assert.rejects(host.runBatch(testBatch('http://127.0.0.1:9', 4, 2)), /^Error: open loop is not supported$/);
    await host.stop();
  });
});
