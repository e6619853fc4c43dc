import type { ScenarioInput } from './schema.ts';

export const scrape = {
  id: 'scrape',
  title: 'Scrape: fetch HTML pages and extract their links',
  description:
    'The requests + BeautifulSoup case: 32 KiB HTML pages at 30 ms, each parsed with a real HTML parser to extract ' +
    'its links. Mixed I/O and CPU: concurrency hides the latency, and once parsing fills the event loop, spreading it ' +
    'over threads or processes is what still helps.',
  server: { latencyMs: 30, payload: 'html', bodyBytes: 32 * 1024 },
  workload: { requests: 500, cpuWork: { kind: 'html' } },
  concurrency: [8, 32],
  iterations: 3,
  warmupIterations: 1,
  profiles: {
    quick: { rounds: 8, concurrency: [10], iterations: 5, warmupIterations: 1 },
    article: { requests: 500, concurrency: [8, 32], iterations: 3, warmupIterations: 1 },
    full: { requests: 1000, concurrency: [4, 8, 16, 32, 64], iterations: 5, warmupIterations: 2 },
  },
} as const satisfies ScenarioInput;
