import { formatMs, formatRate } from '../common/format.ts';
import type { Environment, RunnerFacts, ScenarioResults } from '../results/types.ts';
import { listed } from './limit-lines.ts';
import { modelLimits } from './model-limits.ts';
import { factsOf } from './runner-facts.ts';

type Approach = NonNullable<RunnerFacts['articleApproach']>;

/** The classic articles' figures (Python, 1,000 requests), as they print them, in their order. */
export const ARTICLE_ROWS: readonly { readonly approach: Approach; readonly seconds: number; readonly throughput: number }[] = [
  { approach: 'Sequential', seconds: 16, throughput: 63 },
  { approach: 'Threading', seconds: 6, throughput: 167 },
  { approach: 'Multiprocessing', seconds: 5, throughput: 200 },
  { approach: 'Asyncio', seconds: 3, throughput: 333 },
];

const ARTICLE_REQUESTS = 1000;

/** The scenario whose section shows the articles' table beside ours. */
export const ARTICLE_SCENARIO_ID = 'article-table';

/** The three groups, in the order the table shows them. */
export const ARTICLE_GROUPS = ['the articles (quoted)', 'Python, measured here', 'Node.js, measured here'] as const;

const ARTICLE_HEADERS = ['Approach', 'Figures', 'Model', 'Level', 'Time for 1,000', 'Goodput'] as const;

export interface ArticlesComparison {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Which group each row belongs to (an index into ARTICLE_GROUPS). */
  readonly groups: readonly number[];
  /** What the comparison rests on, and one line per group or approach this run left out, saying how to get it. */
  readonly notes: readonly string[];
}

const HOW_TO_ADD = 'add its runners to --runners (`npm run bench -- --help` lists every runner)';

function order(approach: Approach): number {
  return ARTICLE_ROWS.findIndex((row) => row.approach === approach);
}

/** Each model of one language that stands for an article's approach, at its limit, scaled to 1,000 requests. */
function measured(scenario: ScenarioResults, runners: readonly RunnerFacts[], language: RunnerFacts['language']) {
  return modelLimits(scenario)
    .flatMap((limit) => {
      const facts = factsOf(runners, limit.runner);
      const approach = facts.articleApproach;
      if (facts.language !== language || approach === undefined || !limit.row || limit.row.throughput.mean <= 0) return [];
      const goodput = limit.row.throughput.mean;
      return [{ approach, cells: [limit.label, limit.row.label, formatMs((ARTICLE_REQUESTS / goodput) * 1000), formatRate(goodput)] }];
    })
    .sort((a, b) => order(a.approach) - order(b.approach));
}

function missing(group: string, found: readonly { readonly approach: Approach }[]): string[] {
  if (found.length === 0) return [`${group}: none in this run; ${HOW_TO_ADD}.`];
  const absent = ARTICLE_ROWS.filter((row) => !found.some((model) => model.approach === row.approach)).map((row) => row.approach);
  return absent.length === 0 ? [] : [`${group}: no ${listed(absent)} row in this run; ${HOW_TO_ADD}.`];
}

/**
 * The articles' table beside ours, in three groups at the same 1,000-request scale: their quoted figures, their
 * Python models measured on this server (runners whose facts say Python, matched by `articleApproach`), and Node's.
 * Each measured model is shown at its limit (results.json's bestLevels): time = 1,000 / its goodput.
 */
export function articlesComparison(
  scenario: ScenarioResults,
  runners: readonly RunnerFacts[],
  environment: Environment,
): ArticlesComparison {
  const python = measured(scenario, runners, 'python');
  const node = measured(scenario, runners, 'node');
  const quoted = ARTICLE_ROWS.map((row) => [row.approach, ARTICLE_GROUPS[0], '', '', `${row.seconds} s`, formatRate(row.throughput)]);
  const rows = [
    ...quoted,
    ...python.map((model) => [model.approach, ARTICLE_GROUPS[1], ...model.cells]),
    ...node.map((model) => [model.approach, ARTICLE_GROUPS[2], ...model.cells]),
  ];
  const groups = [...quoted.map(() => 0), ...python.map(() => 1), ...node.map(() => 2)];
  const scale = ARTICLE_REQUESTS.toLocaleString('en-US');
  const note =
    "The articles state neither their server's latency nor their hardware, so only the shape of their table compares with ours. " +
    `Here: the mock server's mean latency ${formatMs(scenario.workload.meanLatencyMs)}; ${environment.cpuModel}, ${environment.cores} cores, Node ${environment.node} on ${environment.platform} ${environment.arch}. ` +
    `Each measured model is shown at its limit, scaled to ${scale} requests (time = ${scale} / goodput).`;
  return {
    headers: ARTICLE_HEADERS,
    rows,
    groups,
    notes: [note, ...missing('Python, measured here', python), ...missing('Node.js, measured here', node)],
  };
}
