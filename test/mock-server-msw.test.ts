import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { Agent, request } from 'undici';
import { startMockServerProcess, type MockServerProcess } from '../mock-server/process.ts';
import { createMockHandlers, MSW_ADAPTER_HEADER, type MockHandlers } from '../mock-server/msw-handlers.ts';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { parseServerTiming } from '../runners/server-timing.ts';

// The msw handlers and a real node:http mock server answer for the same origin, with different body sizes,
// so each call shows which one answered: msw (intercepted, no socket) or the real server (a socket).
const MSW_BODY = 100;
const REAL_BODY = 200;

function nodeHttpGet(url: string): Promise<{ status: number; adapter: unknown; bytes: number }> {
  return new Promise((resolve, reject) => {
    // Through the module object: msw patches http.get after this file's imports are bound.
    http
      .get(url, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, adapter: response.headers[MSW_ADAPTER_HEADER], bytes }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('msw adapter: the same behaviour in-process', () => {
  let real: MockServerProcess;
  let mock: MockHandlers;
  let msw: ReturnType<typeof setupServer>;
  const dispatcher = new Agent({ connections: 2 });

  before(async () => {
    real = await startMockServerProcess(serverProfileSchema.parse({ latencyMs: 0, bodyBytes: REAL_BODY }));
    mock = createMockHandlers(serverProfileSchema.parse({ latencyMs: 5, bodyBytes: MSW_BODY }), real.url);
    msw = setupServer(...mock.handlers);
    msw.listen({ onUnhandledRequest: 'bypass' });
  });
  after(async () => {
    msw?.close();
    await mock?.close();
    await dispatcher.close();
    await real?.stop();
  });

  test('global fetch is intercepted: answered by the behaviour model, with Server-Timing, no socket', async () => {
    const response = await fetch(`${real.url}/`);
    assert.equal(response.headers.get(MSW_ADAPTER_HEADER), 'msw');
    assert.equal((await response.arrayBuffer()).byteLength, MSW_BODY);
    const timing = parseServerTiming(response.headers.get('server-timing') ?? undefined);
    assert.ok(timing && timing.serveMs >= 5, `serve;dur ${String(timing?.serveMs)} should be no less than the 5 ms latency`);
    const overridden = await fetch(`${real.url}/?status=503&size=64`);
    assert.equal(overridden.status, 503);
    assert.equal((await overridden.arrayBuffer()).byteLength, 64);
  });

  test('node:http is intercepted', async () => {
    const response = await nodeHttpGet(`${real.url}/`);
    assert.deepEqual(response, { status: 200, adapter: 'msw', bytes: MSW_BODY });
  });

  test('undici.request with an Agent (what the runners use) is not intercepted: it reaches the real server', async () => {
    await real.resetStats();
    const response = await request(`${real.url}/`, { dispatcher });
    assert.equal(response.headers[MSW_ADAPTER_HEADER], undefined);
    assert.equal((await response.body.arrayBuffer()).byteLength, REAL_BODY);
    assert.equal((await real.stats()).served, 1, 'the real server answered it');
  });

  test('faults: a reset is a network error, a stall lasts until the client aborts and then frees its slot', async () => {
    mock.resetStats();
    await assert.rejects(fetch(`${real.url}/?fault=reset`), TypeError);
    await assert.rejects(
      fetch(`${real.url}/?fault=stall`, { signal: AbortSignal.timeout(100) }),
      (error: Error) => error.name === 'TimeoutError',
    );
    const stats = mock.stats();
    assert.deepEqual(stats.byFault, { error: 0, reset: 1, stall: 1 });
    assert.equal(stats.inFlight, 0);
    assert.equal(stats.aborted, 1);
  });
});
