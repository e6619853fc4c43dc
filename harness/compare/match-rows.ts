import { NOT_COMPARED_REASONS, type NotComparedGroup, type NotComparedReason } from '../../results/comparison.ts';
import type { CompletedResult, RunnerResult } from '../../results/types.ts';
import { exactKey, looseKey, rowKey, type RowKey } from './row-key.ts';

/** Two completed results of one row: same runner, limiter, layout, concurrency and rate. */
export interface MatchedPair {
  readonly key: RowKey;
  readonly base: CompletedResult;
  readonly current: CompletedResult;
}

export interface ScenarioMatch {
  /** In the new run's order. */
  readonly pairs: readonly MatchedPair[];
  readonly notCompared: readonly NotComparedGroup[];
}

interface Entry {
  readonly result: RunnerResult;
  readonly key: RowKey;
  used: boolean;
}

interface LeftOut {
  readonly reason: NotComparedReason;
  readonly label: string;
}

/** Every row of a scenario the other run does not have, under one reason. */
export function scenarioOnlyIn(side: 'base' | 'new', results: readonly RunnerResult[]): readonly NotComparedGroup[] {
  if (results.length === 0) return [];
  return [{ reason: side === 'base' ? 'scenario only in base' : 'scenario only in new', rows: results.map((result) => result.label) }];
}

/**
 * Pairs the completed results of one scenario on runner, limiter, layout, concurrency and rate. The rest is
 * explained by the nearest counterpart that differs only in layout or failed: `failed in new`, `layout differs`.
 */
export function matchRows(base: readonly RunnerResult[], current: readonly RunnerResult[]): ScenarioMatch {
  const leftOut: LeftOut[] = [];
  const baseEntries = distinct(base, 'base', leftOut);
  const currentEntries = distinct(current, 'new', leftOut);
  const baseByKey = new Map(baseEntries.filter((e) => e.result.state === 'completed').map((e) => [exactKey(e.key), e]));
  const pairs: MatchedPair[] = [];
  for (const entry of currentEntries) {
    const counterpart = baseByKey.get(exactKey(entry.key));
    if (entry.result.state !== 'completed' || counterpart?.result.state !== 'completed') continue;
    counterpart.used = true;
    entry.used = true;
    pairs.push({ key: entry.key, base: counterpart.result, current: entry.result });
  }
  for (const entry of currentEntries.filter((e) => !e.used)) {
    const counterpart = baseEntries.find((b) => !b.used && looseKey(b.key) === looseKey(entry.key));
    if (counterpart) counterpart.used = true;
    leftOut.push(explain(counterpart, entry));
  }
  for (const entry of baseEntries.filter((e) => !e.used)) {
    leftOut.push({ reason: entry.result.state === 'failed' ? 'failed in base' : 'only in base', label: entry.result.label });
  }
  return { pairs, notCompared: grouped(leftOut) };
}

function explain(base: Entry | undefined, current: Entry): LeftOut {
  const failedNew = current.result.state === 'failed';
  if (!base) return { reason: failedNew ? 'failed in new' : 'only in new', label: current.result.label };
  if (failedNew) return { reason: base.result.state === 'failed' ? 'failed in both' : 'failed in new', label: base.result.label };
  if (base.result.state === 'failed') return { reason: 'failed in base', label: current.result.label };
  return { reason: 'layout differs', label: `${current.result.label} (base ${base.key.layout ?? 'unnamed'})` };
}

/** One entry per row key; a row a run holds twice (a merge gone wrong) is left out after its first. */
function distinct(results: readonly RunnerResult[], side: 'base' | 'new', leftOut: LeftOut[]): Entry[] {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const result of results) {
    const key = rowKey(result);
    const id = exactKey(key);
    if (seen.has(id)) {
      leftOut.push({ reason: 'repeated in one run', label: `${result.label} (${side})` });
      continue;
    }
    seen.add(id);
    entries.push({ result, key, used: false });
  }
  return entries;
}

function grouped(leftOut: readonly LeftOut[]): NotComparedGroup[] {
  return NOT_COMPARED_REASONS.map((reason) => ({
    reason,
    rows: leftOut.filter((item) => item.reason === reason).map((item) => item.label),
  })).filter((group) => group.rows.length > 0);
}
