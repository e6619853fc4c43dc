import type { ResultsJournal } from '../results/journal.ts';
import { SCHEMA_VERSION, type Environment, type ResultsFile, type RunnerResult, type ScenarioResults } from '../results/types.ts';
import type { ScenarioPlan } from '../scenarios/resolve.ts';
import { captureEnvironment, toolVersion } from './environment.ts';

type ScenarioHeader = Omit<ScenarioResults, 'results'>;

/**
 * The ResultsFile of a run, built as it goes: environment and run first, then each scenario's results as its
 * levels finish. Every snapshot is a complete, valid results.json (`run.complete: false` until the end).
 */
export class SuiteRecord {
  readonly #environment: Environment = captureEnvironment();
  readonly #startedAt = new Date().toISOString();
  readonly #scenarios: { header: ScenarioHeader; results: RunnerResult[] }[] = [];

  constructor(
    readonly profile: string,
    readonly seed: number | undefined,
    readonly journal: ResultsJournal | undefined,
  ) {}

  beginScenario(plan: ScenarioPlan, pools: { threads: number; processes: number }): void {
    this.#scenarios.push({
      header: {
        id: plan.id,
        title: plan.title,
        description: plan.description,
        workload: {
          requests: plan.requests,
          path: plan.path,
          server: plan.server,
          meanLatencyMs: plan.meanLatencyMs,
          cpuWork: plan.cpuWork,
          iterations: plan.iterations,
          warmupIterations: plan.warmupIterations,
          threads: pools.threads,
          processes: pools.processes,
          client: plan.client,
        },
      },
      results: [],
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
      },
      scenarios: this.#scenarios.map(({ header, results }) => ({ ...header, results: [...results] })),
    };
  }
}
