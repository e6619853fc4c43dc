import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom as seeded } from '../../common/seeded-random.ts';

// An independent stand-in for "your own service" (none of the mock server's code): a seeded lognormal latency,
// a capacity of K slots with a FIFO queue before them, and a token-bucket rate limit answering 429 at once.

export interface ServiceOptions {
  /** Mean latency (ms) of the lognormal. */
  readonly meanMs: number;
  /** Standard deviation of ln(latency). */
  readonly sigma: number;
  readonly seed: number;
  readonly bodyBytes: number;
  /** Requests served at once; the rest wait in arrival order. */
  readonly capacity?: number;
  /** Token bucket: requests per second, and tokens held. */
  readonly ratePerSecond?: number;
  readonly burst?: number;
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

export async function startLognormalService(options: ServiceOptions): Promise<RunningService> {
  const random = seeded(options.seed);
  const mu = Math.log(options.meanMs) - (options.sigma * options.sigma) / 2;
  const latency = (): number => {
    const u = Math.max(random(), Number.EPSILON);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.exp(mu + options.sigma * normal);
  };
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
      setTimeout(() => {
        stats.served += 1;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
        release();
      }, latency());
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
