import type { CompletedResult, RunnerFacts, ScenarioResults } from '../results/types.ts';

/**
 * What the reports ask about a runner, answered from the facts results.json carries (`results.runners`), never from
 * its id: a runner the reports have never heard of renders like the built-ins.
 */

const UNKNOWN_COLOUR = '#8c564b';

/** A runner the file names in a row but not in `runners` (a hand-edited file): drawn neutrally, never a pool or the baseline. */
function unknownFacts(id: string): RunnerFacts {
  return { id, language: 'node', runsOn: 'main-loop', model: id, inFlight: 'level', analogue: '', colour: UNKNOWN_COLOUR };
}

export function factsOf(runners: readonly RunnerFacts[], id: string): RunnerFacts {
  return runners.find((facts) => facts.id === id) ?? unknownFacts(id);
}

/** Its requests run on threads or processes of its own, not on the host's one loop. */
export function isPool(facts: RunnerFacts): boolean {
  return facts.runsOn !== 'main-loop';
}

/** Many requests in flight on one event loop (promise-concurrent, asyncio). */
export function isOneLoop(facts: RunnerFacts): boolean {
  return facts.runsOn === 'main-loop' && facts.inFlight === 'level';
}

/** The model "x faster" is measured against: Node keeping one request in flight. */
export function isBaseline(facts: RunnerFacts): boolean {
  return facts.inFlight === 'one' && facts.language === 'node';
}

/** What its workers are called, plural: `threads`, `processes`; `workers` for a pool that names none. */
export function workersNoun(facts: RunnerFacts): string {
  return facts.workerNouns?.[1] ?? 'workers';
}

/** `2 threads of 25 lanes`, `1 process of 8 lanes`: how a pool spread a level, in its own nouns. */
export function poolSpread(facts: RunnerFacts, result: Pick<CompletedResult, 'layout'>): string {
  const { workers, lanes } = result.layout;
  const noun = workers === 1 ? (facts.workerNouns?.[0] ?? 'worker') : workersNoun(facts);
  return `${workers} ${noun} of ${lanes} lane${lanes === 1 ? '' : 's'}`;
}

/** The baseline runner of a scenario (its first completed closed-loop row), if one ran. */
export function baselineRow(scenario: ScenarioResults, runners: readonly RunnerFacts[]): CompletedResult | undefined {
  return scenario.results.find(
    (result): result is CompletedResult =>
      result.state === 'completed' && result.arrival === undefined && isBaseline(factsOf(runners, result.runner)),
  );
}
