import type { ScenarioInput } from './schema.ts';

export const articleTable = {
  id: 'article-table',
  title: "The articles' table: many requests at 16 ms",
  description:
    'The classic "parallel requests" comparison (sequential 16 s, threading 6 s, multiprocessing 5 s, asyncio 3 s for ' +
    "1,000 requests), measured with Node's four models and the articles' own Python code (a requests loop, a " +
    'ThreadPoolExecutor, a multiprocessing.Pool, asyncio with aiohttp, and uvloop) on one identical workload. With the same number of requests ' +
    'in flight, every concurrent model approaches the same bound, ceil(N / in flight) x latency: for I/O the model ' +
    'matters far less than the limit, and a single event loop needs no threads or processes to get there.',
  server: { latencyMs: 16, bodyBytes: 256 },
  workload: { requests: 1000 },
  runners: [
    'sequential',
    'promise-concurrent',
    'worker-threads',
    'child-process',
    'python-sequential',
    'python-threading',
    'python-multiprocessing',
    'python-asyncio',
    'python-asyncio-uvloop',
  ],
  concurrency: [100],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [30], iterations: 5, warmupIterations: 1 },
    article: { requests: 1000, concurrency: [100], iterations: 3, warmupIterations: 1 },
    full: { requests: 1000, concurrency: [10, 50, 100, 250], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
