/**
 * A server that turns down: the Universal Scalability Law's two costs (Gunther; codahale/usl), applied by the mock
 * server to every service time. A request that starts service while `n` requests hold a slot (itself included) is
 * served for
 *
 *     latency x (1 + contention x (n - 1) + coherency x n x (n - 1))
 *
 * `n` is read once, when the request gets its slot, and never changes for it. For a closed loop of N clients with no
 * time between an answer and the next request, every request after each client's first starts with all N in
 * service (the others are still being served: they started earlier and take as long), so a batch of R rounds takes
 * R x S(N) and throughput is exactly X(N) = N / S(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)) with
 * lambda = 1 / latency: the USL, whose peak is at N* = sqrt((1 - sigma) / kappa). See docs/mock-server.md.
 */
export interface Slowdown {
  /** sigma: serialisation, each other request in service adds this share of the latency. */
  readonly contention: number;
  /** kappa: crosstalk, each pair of requests in service adds this share of the latency. */
  readonly coherency: number;
}

/** The service time of a request of drawn latency `latencyMs` that starts while `inService` requests (itself included) are served. */
export function slowedServiceMs(latencyMs: number, inService: number, { contention, coherency }: Slowdown): number {
  const others = Math.max(0, inService - 1);
  return latencyMs * (1 + contention * others + coherency * inService * others);
}

/** Requests per second a closed loop of `clients` reaches against a fixed `latencyMs` (no network, no client time). */
export function closedLoopThroughput(clients: number, latencyMs: number, slowdown: Slowdown): number {
  return (clients * 1000) / slowedServiceMs(latencyMs, clients, slowdown);
}

export interface TruePeak {
  /** N* = sqrt((1 - sigma) / kappa), the continuous peak. */
  readonly concurrency: number;
  /** The best whole number of clients (floor or ceil of N*, at least 1). */
  readonly bestClients: number;
  /** Requests per second at `bestClients`. */
  readonly throughput: number;
}

/** Where a closed loop's throughput peaks; undefined when coherency is 0 (throughput never turns down). */
export function truePeak(latencyMs: number, slowdown: Slowdown): TruePeak | undefined {
  if (slowdown.coherency <= 0 || latencyMs <= 0) return undefined;
  const concurrency = Math.sqrt(Math.max(0, 1 - slowdown.contention) / slowdown.coherency);
  const candidates = [Math.max(1, Math.floor(concurrency)), Math.max(1, Math.ceil(concurrency))];
  const rate = (clients: number): number => closedLoopThroughput(clients, latencyMs, slowdown);
  const bestClients = candidates.reduce((best, clients) => (rate(clients) > rate(best) ? clients : best));
  return { concurrency, bestClients, throughput: rate(bestClients) };
}
