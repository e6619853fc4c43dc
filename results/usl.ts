/**
 * The Universal Scalability Law (Gunther), X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)): throughput at
 * N in flight from the throughput of one (lambda), contention (sigma: a share of the work is serialised) and
 * coherency (kappa: every pair of requests in flight costs something, so throughput turns down past a peak).
 */
export interface UslParameters {
  readonly sigma: number;
  readonly kappa: number;
  readonly lambda: number;
}

export function uslThroughput(parameters: UslParameters, concurrency: number): number {
  const { sigma, kappa, lambda } = parameters;
  return (lambda * concurrency) / (1 + sigma * (concurrency - 1) + kappa * concurrency * (concurrency - 1));
}
