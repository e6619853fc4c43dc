import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../common/seeded-random.ts';

// "Your own service" for tune --target, with none of the mock server's code: `capacity` requests served at once,
// the rest queued in arrival order without a limit, a latency around `latencyMs`, and no Server-Timing header.
// With `contention` (sigma) and `coherency` (kappa), a request that starts while n are in service (itself included)
// takes latency x (1 + sigma (n - 1) + kappa n (n - 1)): with N in flight its throughput is the USL's X(N), lambda =
// 1 / latency, and it truly peaks at N* = floor(sqrt((1 - sigma) / kappa)) and falls past it.

export interface CapacityServiceOptions {
  readonly latencyMs: number;
  /** Requests served at once; Infinity for no queue. */
  readonly capacity: number;
  readonly contention?: number;
  readonly coherency?: number;
  /** Standard deviation of ln(service time); 0 serves every request in exactly latencyMs. */
  readonly sigma?: number;
  readonly seed?: number;
  /** 0 (default): any free port. */
  readonly port?: number;
}

export interface CapacityService {
  readonly url: string;
  /** Requests served, in service at once at most, and waiting in the queue at most. */
  readonly stats: { served: number; maxInService: number; maxQueued: number };
  stop(): Promise<void>;
}

export async function startCapacityService(options: CapacityServiceOptions): Promise<CapacityService> {
  const random = seededRandom(options.seed ?? 1);
  const sigma = options.sigma ?? 0;
  const mu = Math.log(options.latencyMs) - (sigma * sigma) / 2;
  const serviceMs = (): number => {
    if (sigma === 0) return options.latencyMs;
    const normal = Math.sqrt(-2 * Math.log(Math.max(random(), Number.EPSILON))) * Math.cos(2 * Math.PI * random());
    return Math.exp(mu + sigma * normal);
  };
  const stats = { served: 0, maxInService: 0, maxQueued: 0 };
  const queue: (() => void)[] = [];
  let inService = 0;

  const slowdown = (n: number): number => 1 + (options.contention ?? 0) * (n - 1) + (options.coherency ?? 0) * n * (n - 1);
  const serve = (res: http.ServerResponse): void => {
    inService += 1;
    stats.maxInService = Math.max(stats.maxInService, inService);
    const ms = serviceMs() * slowdown(inService);
    setTimeout(() => {
      stats.served += 1;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
      inService -= 1;
      queue.shift()?.();
    }, ms);
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (inService < options.capacity) return serve(res);
      queue.push(() => serve(res));
      stats.maxQueued = Math.max(stats.maxQueued, queue.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
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
