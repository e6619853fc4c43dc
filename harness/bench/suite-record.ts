import type { ResultsJournal } from '../../results/journal.ts';
import {
  SCHEMA_VERSION,
  type Environment,
  type ResultsFile,
  type RunnerResult,
  type RunTarget,
  type ScenarioResults,
} from '../../results/types.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';
import { bestLevels } from './best-level.ts';
import { captureEnvironment, toolVersion } from '../environment.ts';
import { runnerFacts } from '../../results/runner-facts.ts';
import { levelSetsInFlight } from '../measure/level-sets-in-flight.ts';
import { scenarioVerdict } from './scenario-verdict.ts';
import { checkResults } from '../thresholds/check-thresholds.ts';
import type { Threshold } from '../thresholds/parse-threshold.ts';

type ScenarioHeader = Omit<ScenarioResults, 'results' | 'verdict' | 'thresholds' | 'bestLevels' | 'partial'>;
type HostFigures = ScenarioResults['workload']['host'];

/**
 * The ResultsFile of a run, built as it goes: environment and run first, then each scenario's results as its
 * levels finish. Every snapshot is a complete, valid results.json (`run.complete: false` until the end).
 */
export class SuiteRecord {
  readonly #environment: Environment = captureEnvironment();
  readonly #startedAt = new Date().toISOString();
  readonly #scenarios: { header: ScenarioHeader; results: RunnerResult[]; levels: number }[] = [];

  constructor(
    readonly profile: string,
    readonly seed: number | undefined,
    readonly journal: ResultsJournal | undefined,
    readonly target: RunTarget | undefined = undefined,
    readonly thresholds: readonly Threshold[] = [],
    readonly split: { readonly segment?: ResultsFile['run']['segment'] } = {},
  ) {}

  #stoppedBy: string | undefined;

  /** Why a --target run stopped early (a sign of distress), recorded in run.target. */
  stoppedBy(reason: string | undefined): void {
    this.#stoppedBy = reason;
  }

  /** The host figures the current scenario's probe measured (the exact ideal's floor and bandwidth), and what its ideal leaves out. */
  setHost(host: HostFigures, idealCaveats: readonly string[] = []): void {
    const current = this.#scenarios.at(-1);
    if (!current) return;
    current.header = {
      ...current.header,
      workload: { ...current.header.workload, host },
      ...(idealCaveats.length === 0 ? {} : { idealCaveats }),
    };
  }

  /** `levels`: how many levels the scenario will measure; fewer results at the end mark it partial. */
  beginScenario(plan: ScenarioPlan, pools: { threads: number; processes: number }, levels: number): void {
    this.#scenarios.push({
      header: {
        id: plan.id,
        title: plan.title,
        description: plan.description,
        workload: {
          requests: plan.requests,
          rounds: plan.rounds,
          path: plan.path,
          server: plan.server,
          meanLatencyMs: plan.meanLatencyMs,
          cpuWork: plan.cpuWork,
          iterations: plan.iterations,
          warmupIterations: plan.warmupIterations,
          threads: pools.threads,
          processes: pools.processes,
          client: plan.client,
          host: { roundTripFloorMs: 0, bytesPerMs: undefined },
          maxErrorRate: plan.maxErrorRate,
        },
      },
      results: [],
      levels,
    });
  }

  /** Adds a level's result to the current scenario and rewrites the journal; a failed write ends the run. */
  async add(result: RunnerResult): Promise<void> {
    const current = this.#scenarios.at(-1);
    if (!current) throw new Error('SuiteRecord.add before beginScenario');
    current.results.push(result);
    await this.journal?.write(this.snapshot(false));
  }

  snapshot(complete: boolean): ResultsFile {
    return {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'concurrency-bench', version: toolVersion() },
      environment: this.#environment,
      run: {
        profile: this.profile,
        seed: this.seed,
        startedAt: this.#startedAt,
        finishedAt: new Date().toISOString(),
        complete,
        ...(this.target === undefined ? {} : { target: { ...this.target, stoppedBy: this.#stoppedBy } }),
        ...(this.split.segment === undefined ? {} : { segment: this.split.segment }),
      },
      runners: [...new Set(this.#scenarios.flatMap(({ results }) => results.map((result) => result.runner)))].map(runnerFacts),
      scenarios: this.#scenarios.map(({ header, results, levels }) => {
        const verdict = scenarioVerdict(results);
        const thresholds = checkResults(results, this.thresholds);
        const best = bestLevels(results, thresholds, levelSetsInFlight);
        return {
          ...header,
          results: [...results],
          ...(verdict === undefined ? {} : { verdict }),
          ...(results.length < levels ? { partial: true } : {}),
          ...(best.length === 0 ? {} : { bestLevels: best }),
          ...(this.thresholds.length === 0 ? {} : { thresholds }),
        };
      }),
    };
  }
}
