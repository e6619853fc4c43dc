import type { CompletedResult, ResultsFile, RunnerFacts, ScenarioResults, ScenarioVerdict } from '../results/types.ts';
import { leaderLabels, type ModelLimit, modelLimits, verdictRow } from './model-limits.ts';
import { baselineRow, factsOf } from './runner-facts.ts';
import { tuneCommand } from './tune-pointer.ts';

/** What a built-in scenario teaches, in a few words; a user's scenario falls back to its description. */
const TEACHES: Readonly<Record<string, string>> = {
  'io-bound': 'I/O wait, almost no CPU',
  'article-table': "the articles' table at 16 ms",
  'cpu-bound': 'CPU work on every response',
  scrape: 'I/O plus HTML parsing',
  'large-payload': '1 MiB bodies: bytes cost CPU',
  'saturating-backend': 'a server that serves 32 at once',
  'rate-limited': 'a rate limit answering 429',
  'flaky-api': 'errors, retries and timeouts',
  'tail-latency': 'a long tail of slow responses',
};

const TEACHES_MAX = 60;

/** The built-in label, else the description's first sentence cut to about 60 characters. */
export function teaches(scenario: Pick<ScenarioResults, 'id' | 'description'>): string {
  const known = TEACHES[scenario.id];
  if (known) return known;
  const first = (scenario.description.split(/(?<=[.!?])\s/)[0] ?? '').trim().replace(/[.!?]$/, '');
  if (first.length <= TEACHES_MAX) return first;
  const cut = first.slice(0, TEACHES_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TEACHES_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A model at its limit and what it cost there: what decides between models that tie on goodput. */
export interface ModelCost {
  readonly label: string;
  readonly facts: RunnerFacts;
  readonly concurrency: number;
  readonly goodput: number;
  readonly coresUsed: number;
  readonly peakRssBytes: number;
  /** Peak minus the model host at idle (after start-up and warm-up): what holding the level in flight cost. */
  readonly inFlightBytes: number | undefined;
}

export interface OverviewRow {
  readonly id: string;
  readonly title: string;
  readonly teaches: string;
  readonly verdict: ScenarioVerdict | undefined;
  /** Not every level ran: the verdict stands on what did. */
  readonly partial: boolean;
  /** The row the verdict names best (winner, the tie's best, the single model). */
  readonly best: CompletedResult | undefined;
  /** The baseline model's row (Node, one request in flight), when it ran. */
  readonly baseline: CompletedResult | undefined;
  /** best goodput / the baseline's; undefined without a baseline or when best is the baseline. */
  readonly speedUp: number | undefined;
  /** The limit of the model the verdict names best (results.json's bestLevels). */
  readonly leaderLimit: ModelLimit | undefined;
  /** The models the verdict leaves standing, each at its limit. */
  readonly leaders: readonly ModelCost[];
  /** Every model at its limit, highest goodput first. */
  readonly models: readonly ModelCost[];
  readonly limits: readonly ModelLimit[];
  /** The command that finds the limit (tune). */
  readonly tune: string;
  readonly cpuWork: ScenarioResults['workload']['cpuWork'];
  readonly server: ScenarioResults['workload']['server'];
  readonly meanLatencyMs: number;
}

function costOf(limit: ModelLimit, row: CompletedResult, runners: readonly RunnerFacts[]): ModelCost {
  const baseline = row.memory.baselineRssBytes;
  return {
    label: limit.label,
    facts: factsOf(runners, limit.runner),
    concurrency: row.concurrency,
    goodput: row.throughput.mean,
    coresUsed: row.cpu.coresUsed,
    peakRssBytes: row.memory.peakRssBytes,
    inFlightBytes: baseline === undefined ? undefined : Math.max(0, row.memory.peakRssBytes - baseline),
  };
}

export function overviewRow(scenario: ScenarioResults, file: Pick<ResultsFile, 'runners' | 'run'>): OverviewRow {
  const limits = modelLimits(scenario);
  const best = verdictRow(scenario);
  const baseline = baselineRow(scenario, file.runners);
  const models = limits
    .flatMap((limit) => (limit.row ? [costOf(limit, limit.row, file.runners)] : []))
    .sort((a, b) => b.goodput - a.goodput);
  const leaders = leaderLabels(scenario).flatMap((label) => models.filter((model) => model.label === label));
  const bestLabel = scenario.verdict?.kind === 'tie' ? scenario.verdict.best.runner : scenario.verdict?.runner;
  return {
    id: scenario.id,
    title: scenario.title,
    teaches: teaches(scenario),
    verdict: scenario.verdict,
    partial: scenario.partial === true,
    best,
    baseline,
    speedUp:
      best && baseline && best !== baseline && baseline.throughput.mean > 0 ? best.throughput.mean / baseline.throughput.mean : undefined,
    leaderLimit: limits.find((limit) => limit.label === bestLabel),
    leaders,
    models,
    limits,
    tune: tuneCommand(scenario.id, file.run.target),
    cpuWork: scenario.workload.cpuWork,
    server: scenario.workload.server,
    meanLatencyMs: scenario.workload.meanLatencyMs,
  };
}
