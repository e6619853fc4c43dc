import type { ServerProfile } from '../mock-server/profile.ts';
import { resultLabel } from '../harness/scenario-verdict.ts';
import type { CompletedResult, ScenarioResults, ScenarioVerdict } from '../results/types.ts';
import type { CpuWork } from '../runners/work.ts';
import { completed } from './results-table.ts';

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

/** A model's resource cost at its best level: what decides between models that tie on throughput. */
export interface ModelCost {
  readonly label: string;
  readonly concurrency: number;
  readonly coresUsed: number;
  readonly peakRssBytes: number;
}

export interface OverviewRow {
  readonly id: string;
  readonly title: string;
  readonly teaches: string;
  readonly verdict: ScenarioVerdict | undefined;
  /** The verdict's best row (winner, the tie's best, or the single model); the fastest result when there is no verdict. */
  readonly best: CompletedResult | undefined;
  /** best throughput / sequential's best throughput; undefined without sequential or when best is sequential. */
  readonly speedUp: number | undefined;
  /** The models the verdict leaves standing (the winner, or every tied model), each at its best level. */
  readonly leaders: readonly ModelCost[];
  /** Every model at its best level, fastest first. */
  readonly models: readonly ModelCost[];
  /** Best throughput of each label (runner, or runner/limiter). */
  readonly bestThroughput: Readonly<Record<string, number>>;
  /** Labels whose best level was the highest they tried (with at least two levels tried). */
  readonly stillGaining: readonly string[];
  readonly cpuWork: CpuWork;
  readonly server: ServerProfile;
  readonly meanLatencyMs: number;
}

function fastest(results: readonly CompletedResult[]): CompletedResult | undefined {
  return results.reduce<CompletedResult | undefined>(
    (best, r) => (!best || r.throughput.mean > best.throughput.mean ? r : best),
    undefined,
  );
}

function bestPerLabel(results: readonly CompletedResult[]): Map<string, CompletedResult> {
  const best = new Map<string, CompletedResult>();
  for (const result of results) {
    const label = resultLabel(result);
    const known = best.get(label);
    if (!known || result.throughput.mean > known.throughput.mean) best.set(label, result);
  }
  return best;
}

function leaderLabels(verdict: ScenarioVerdict | undefined, fallback: CompletedResult | undefined): string[] {
  if (!verdict) return fallback ? [resultLabel(fallback)] : [];
  return verdict.kind === 'tie' ? [...verdict.runners] : [verdict.runner];
}

function verdictBest(verdict: ScenarioVerdict | undefined, results: readonly CompletedResult[]): CompletedResult | undefined {
  if (!verdict) return fastest(results);
  const ref = verdict.kind === 'tie' ? verdict.best : verdict;
  return results.find((r) => resultLabel(r) === ref.runner && r.concurrency === ref.concurrency) ?? fastest(results);
}

function costOf(label: string, result: CompletedResult): ModelCost {
  return { label, concurrency: result.concurrency, coresUsed: result.cpu.coresUsed, peakRssBytes: result.memory.peakRssBytes };
}

function gaining(results: readonly CompletedResult[], perLabel: ReadonlyMap<string, CompletedResult>): string[] {
  return [...perLabel.entries()].flatMap(([label, best]) => {
    const levels = results.filter((r) => resultLabel(r) === label).map((r) => r.concurrency);
    return levels.length >= 2 && best.concurrency === Math.max(...levels) ? [label] : [];
  });
}

export function overviewRow(scenario: ScenarioResults): OverviewRow {
  const results = completed(scenario.results);
  const perLabel = bestPerLabel(results);
  const best = verdictBest(scenario.verdict, results);
  const sequential = perLabel.get('sequential');
  const models = [...perLabel.entries()].map(([label, result]) => costOf(label, result));
  const throughputOf = (label: string): number => perLabel.get(label)?.throughput.mean ?? 0;
  models.sort((a, b) => throughputOf(b.label) - throughputOf(a.label));
  return {
    id: scenario.id,
    title: scenario.title,
    teaches: teaches(scenario),
    verdict: scenario.verdict,
    best,
    speedUp:
      best && sequential && best !== sequential && sequential.throughput.mean > 0
        ? best.throughput.mean / sequential.throughput.mean
        : undefined,
    leaders: leaderLabels(scenario.verdict, best).flatMap((label) => {
      const result = perLabel.get(label);
      return result ? [costOf(label, result)] : [];
    }),
    models,
    bestThroughput: Object.fromEntries([...perLabel.entries()].map(([label, result]) => [label, result.throughput.mean])),
    stillGaining: gaining(results, perLabel),
    cpuWork: scenario.workload.cpuWork,
    server: scenario.workload.server,
    meanLatencyMs: scenario.workload.meanLatencyMs,
  };
}
