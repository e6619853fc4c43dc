import type { ServerProfileInput } from './profile.ts';

export interface ProfileFlag {
  readonly field: keyof ServerProfileInput;
  /** The flag without its dashes. */
  readonly flag: string;
  readonly value: string;
  readonly description: string;
  /** How the text is read: a number where it looks like one (default), JSON, or a switch without a value. */
  readonly kind?: 'number' | 'json' | 'boolean';
}

/** Every server-profile field as a command-line flag: one table for the CLI's options, help and error messages. */
export const PROFILE_FLAGS: readonly ProfileFlag[] = [
  { field: 'latencyMs', flag: 'latency', value: 'ms', description: 'mean latency before each answer (default 16)' },
  {
    field: 'latencyDistribution',
    flag: 'latency-distribution',
    value: 'name',
    description: 'fixed (default) | uniform | normal | lognormal | exponential | pareto; all have mean --latency',
  },
  {
    field: 'latencySpreadMs',
    flag: 'latency-spread',
    value: 'ms',
    description: 'standard deviation (normal, lognormal) or half-width (uniform); default latency / 2',
  },
  { field: 'paretoShape', flag: 'pareto-shape', value: 'alpha', description: 'pareto tail index > 1, smaller = heavier tail (default 2)' },
  { field: 'latencyMinMs', flag: 'latency-min', value: 'ms', description: 'clamp latencies to at least this (default 0)' },
  { field: 'latencyMaxMs', flag: 'latency-max', value: 'ms', description: 'clamp latencies to at most this (default 10 x latency)' },
  { field: 'jitterMs', flag: 'jitter', value: 'ms', description: 'extra uniform latency in [0, jitter) (default 0)' },
  { field: 'bodyBytes', flag: 'body-bytes', value: 'n', description: 'body size in bytes (default 256)' },
  { field: 'payload', flag: 'payload', value: 'kind', description: 'json (default) | html (a page with links and text) | binary' },
  {
    field: 'bodyBytesPerSecond',
    flag: 'body-rate',
    value: 'bytes/s',
    description: 'slow body: send the body at this rate (default: at once)',
  },
  {
    field: 'firstByteDelayMs',
    flag: 'first-byte-delay',
    value: 'ms',
    description: 'slow first byte: headers at the latency, body this much later (default 0)',
  },
  {
    field: 'capacity',
    flag: 'capacity',
    value: 'n',
    description: 'serve at most n requests at once; the rest wait in a FIFO queue (default unlimited)',
  },
  {
    field: 'queueLimit',
    flag: 'queue-limit',
    value: 'n',
    description: 'with --capacity: at most n waiting, more get 503 + Retry-After (default unlimited)',
  },
  { field: 'rateLimit', flag: 'rate-limit', value: 'req/s', description: 'token bucket; over it, 429 + Retry-After (default none)' },
  { field: 'rateLimitBurst', flag: 'rate-limit-burst', value: 'n', description: 'tokens the bucket holds (default rate / 10, at least 1)' },
  { field: 'errorRate', flag: 'error-rate', value: 'fraction', description: 'fraction of requests answered 500 (default 0)' },
  {
    field: 'resetRate',
    flag: 'reset-rate',
    value: 'fraction',
    description: 'fraction of connections reset instead of answered (default 0)',
  },
  {
    field: 'stallRate',
    flag: 'stall-rate',
    value: 'fraction',
    description: 'fraction never answered until the client gives up (default 0)',
  },
  {
    field: 'workers',
    flag: 'workers',
    value: 'n',
    description: 'server processes on one port (node:cluster); limits are split among them (default 1)',
  },
  { field: 'seed', flag: 'seed', value: 'n', description: 'seed for the latency and fault sequences (default 1)' },
  {
    field: 'phases',
    flag: 'phases',
    value: 'json',
    kind: 'json',
    description:
      'phases as JSON, e.g. \'[{"afterRequests":100,"latencyMs":50},{"afterMs":2000,"pauseMs":300}]\'; each changes latencyMs, ' +
      'latencyDistribution, latencySpreadMs, capacity, errorRate or pauseMs',
  },
  {
    field: 'contention',
    flag: 'contention',
    value: 'sigma',
    description: 'USL contention: service time x (1 + sigma (n-1) + kappa n (n-1)), n = requests in service at its start (default 0)',
  },
  {
    field: 'coherency',
    flag: 'coherency',
    value: 'kappa',
    description: 'USL coherency (kappa above): > 0 makes throughput peak at sqrt((1 - sigma) / kappa) in flight, then fall (default 0)',
  },
  {
    field: 'recordRequests',
    flag: 'record-requests',
    value: '',
    kind: 'boolean',
    description: 'keep a record of answered requests (identity, latency, fault) at GET /__requests (default off)',
  },
];

/** Field name -> flag, for error messages ("Expected `--latency` to be ..."). */
export const PROFILE_FLAG_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  PROFILE_FLAGS.map(({ field, flag }) => [field, flag]),
);
