import { formatMs, formatRate } from '../common/format.ts';
import type { CompletedResult, Environment, ScenarioResults } from '../results/types.ts';
import type { RunnerId } from '../runners/types.ts';
import { completed } from './results-table.ts';

/** The classic articles' figures (Python, 1,000 requests), as they print them, and the Node model that stands for each. */
export const ARTICLE_ROWS: readonly {
  readonly approach: string;
  readonly seconds: number;
  readonly throughput: number;
  readonly runner: RunnerId;
}[] = [
  { approach: 'Sequential', seconds: 16, throughput: 63, runner: 'sequential' },
  { approach: 'Threading', seconds: 6, throughput: 167, runner: 'worker-threads' },
  { approach: 'Multiprocessing', seconds: 5, throughput: 200, runner: 'child-process' },
  { approach: 'Asyncio', seconds: 3, throughput: 333, runner: 'promise-concurrent' },
];

export const ARTICLE_REQUESTS = 1000;

/** The scenario whose section shows the articles' table beside ours. */
export const ARTICLE_SCENARIO_ID = 'article-table';

export const ARTICLE_HEADERS = [
  'Approach (Python)',
  'Their time',
  'Their throughput',
  'Node.js model',
  'Best level here',
  'Our time',
  'Our throughput',
] as const;

export interface ArticlesComparison {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly note: string;
}

function bestOf(results: readonly CompletedResult[], runner: RunnerId): CompletedResult | undefined {
  return results
    .filter((result) => result.runner === runner)
    .reduce<CompletedResult | undefined>((best, r) => (!best || r.throughput.mean > best.throughput.mean ? r : best), undefined);
}

/** Node's best level of each model scaled to the articles' 1,000 requests: time = 1,000 / measured throughput. */
export function articlesComparison(scenario: ScenarioResults, environment: Environment): ArticlesComparison {
  const results = completed(scenario.results);
  const rows = ARTICLE_ROWS.map((article) => {
    const ours = bestOf(results, article.runner);
    const measured =
      ours && ours.throughput.mean > 0
        ? [ours.shape, formatMs((ARTICLE_REQUESTS / ours.throughput.mean) * 1000), formatRate(ours.throughput.mean)]
        : ['not run', '', ''];
    return [article.approach, `${article.seconds} s`, formatRate(article.throughput), article.runner, ...measured];
  });
  const latencies = ARTICLE_ROWS.map((article) => bestOf(results, article.runner)?.latencyMs.mean).filter(
    (value): value is number => value !== undefined,
  );
  const measuredLatency =
    latencies.length === 0
      ? ''
      : `, measured mean request latency ${formatMs(Math.min(...latencies))}${latencies.length > 1 ? ` to ${formatMs(Math.max(...latencies))}` : ''}`;
  const note =
    "The articles state neither their server's latency nor their hardware, so only the shape of their table compares. " +
    `Ours: the mock server's mean latency ${formatMs(scenario.workload.meanLatencyMs)}${measuredLatency}; ` +
    `${environment.cpuModel}, ${environment.cores} cores, Node ${environment.node} on ${environment.platform} ${environment.arch}. ` +
    `Node's rows are each model's best level, scaled to ${ARTICLE_REQUESTS.toLocaleString('en-US')} requests (time = ${ARTICLE_REQUESTS.toLocaleString('en-US')} / measured throughput).`;
  return { headers: ARTICLE_HEADERS, rows, note };
}
