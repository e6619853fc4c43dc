import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom, type Random } from '../../common/seeded-random.ts';

// An independent stand-in for "your own service" (none of the mock server's code): a seeded latency drawn by the
// caller, a capacity of K slots with a FIFO queue before them, and a token-bucket rate limit answering 429 at once.

export interface LatencyServiceOptions {
  /** One latency (ms) from the seeded uniform source. */
  readonly draw: (random: Random) => number;
  readonly seed: number;
  readonly bodyBytes: number;
  /** Requests served at once; the rest wait in arrival order. */
  readonly capacity?: number;
  /** Token bucket: requests per second, and tokens held. */
  readonly ratePerSecond?: number;
  readonly burst?: number;
}

/**
 * setTimeout waits at least 1 ms, so every drawn latency under it would come out as 1 ms or more: a floor the
 * drawn distribution does not have (2.5% of an exponential of mean 40 ms, enough to change which family fits it
 * best). Latencies under this many ms are waited out on event-loop turns instead; they are few, so it costs little.
 */
const SHORT_WAIT_MS = 2;

function afterMs(ms: number, done: () => void): void {
  if (ms >= SHORT_WAIT_MS) {
    setTimeout(done, ms);
    return;
  }
  const deadline = performance.now() + ms;
  const check = (): void => {
    if (performance.now() >= deadline) done();
    else setImmediate(check);
  };
  check();
}

export interface RunningService {
  readonly url: string;
  /** Served at once at most, 429s answered, requests answered 200, and the last request's method, headers and body. */
  readonly stats: {
    maxInFlight: number;
    limited: number;
    served: number;
    last?: { method: string; headers: http.IncomingHttpHeaders; body: string };
  };
  stop(): Promise<void>;
}

export async function startLatencyService(options: LatencyServiceOptions): Promise<RunningService> {
  const random = seededRandom(options.seed);
  const body = Buffer.alloc(options.bodyBytes, 'x');
  const stats: RunningService['stats'] = { maxInFlight: 0, limited: 0, served: 0 };
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const burst = options.burst ?? 1;
  let tokens = burst;
  let refilledAt = performance.now();

  const takeToken = (): boolean => {
    if (options.ratePerSecond === undefined) return true;
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * options.ratePerSecond);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  const acquire = async (): Promise<void> => {
    if (options.capacity === undefined || inFlight < options.capacity) return;
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      stats.last = { method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      if (!takeToken()) {
        stats.limited += 1;
        res.writeHead(429, { 'retry-after': '1', 'content-length': '0' }).end();
        return;
      }
      const wait = acquire();
      // A request that waited took the slot its predecessor handed over, so inFlight is unchanged for it.
      if (options.capacity === undefined || inFlight < options.capacity) inFlight += 1;
      await wait;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      afterMs(options.draw(random), () => {
        stats.served += 1;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
        release();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
